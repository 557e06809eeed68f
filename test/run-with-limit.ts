import { spawn } from 'node:child_process';

/**
 * Runs a command in a process group of its own with a time limit. Past the limit the whole group
 * (the command and whatever it started) is killed and one line naming `label` goes to stderr;
 * resolves true only when the command exited 0 in time. Its output goes to this process's.
 */
export function runWithLimit(
  label: string,
  command: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly limitS: number },
): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: 'inherit', detached: true });
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // Gone already.
      }
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), 5_000).unref();
    }, options.limitS * 1_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      console.error(`ztna-harness: ${label} could not start: ${error.message}`);
      resolve(false);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      // Whatever the command left behind in its group (a proxy, a worker) goes with it.
      killGroup('SIGKILL');
      if (timedOut) console.error(`ztna-harness: ${label} did not finish within ${options.limitS} s and was killed`);
      resolve(!timedOut && code === 0);
    });
  });
}
