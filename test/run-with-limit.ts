import { spawn } from 'node:child_process';

/** How a command run with a time limit ended; `output` is its stdout and stderr when captured. */
export interface LimitedRun {
  readonly code: number | null;
  readonly timedOut: boolean;
  readonly output: string;
  readonly error?: Error;
}

/**
 * Runs a command in a process group of its own with a time limit. Past the limit the whole group
 * (the command and whatever it started) gets SIGTERM, then SIGKILL; when the command exits, what
 * it left behind in its group (a proxy, a worker) is killed too. With `capture`, its output is
 * collected instead of going to this process's.
 */
export function runLimited(
  command: string,
  args: readonly string[],
  options: {
    readonly cwd: string;
    readonly limitS: number;
    readonly env?: NodeJS.ProcessEnv;
    readonly capture?: boolean;
  },
): Promise<LimitedRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      detached: true,
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
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
      resolve({ code: null, timedOut: false, output, error });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      killGroup('SIGKILL');
      resolve({ code, timedOut, output });
    });
  });
}

/**
 * runLimited for the feature runs of `npm test`: output to this process's, one line naming
 * `label` on stderr when the command could not start or was killed at its limit; true only when
 * it exited 0 in time.
 */
export async function runWithLimit(
  label: string,
  command: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly limitS: number },
): Promise<boolean> {
  const run = await runLimited(command, args, options);
  if (run.error) console.error(`ztna-harness: ${label} could not start: ${run.error.message}`);
  if (run.timedOut) console.error(`ztna-harness: ${label} did not finish within ${options.limitS} s and was killed`);
  return !run.error && !run.timedOut && run.code === 0;
}
