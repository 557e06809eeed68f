import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { HarnessError } from '../errors';
import type { ProxyProgram } from './proxy-programs';

/** Proxies still running, killed (with their workers) if the harness exits without stopping them. */
const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) killTree(pid, 'SIGKILL');
});

/** Signals a proxy and its workers. */
function killTree(pid: number, signal: NodeJS.Signals): void {
  for (const member of [pid, ...childrenOf(pid)]) {
    try {
      process.kill(member, signal);
    } catch {
      // Already gone.
    }
  }
}

/** The worker processes of an nginx master (Linux /proc; none elsewhere). */
function childrenOf(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Whether a process with this id still exists. */
export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntilGone(pids: readonly number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (pids.some(alive)) {
    if (Date.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}

/**
 * One proxy program with its stderr kept for error messages. It stays in the harness's process
 * group, so that a run killed from outside (a time limit) takes its proxies with it; stopping it
 * signals its workers too. Every wait is bounded.
 */
export class ProxyProcess {
  private child: ChildProcess | undefined;
  private stderrText = '';

  constructor(
    private readonly program: ProxyProgram,
    private readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get stderr(): string {
    return this.stderrText.trim();
  }

  start(): void {
    this.stderrText = '';
    const child = spawn(this.program.path, this.program.startArgs(this.dir), {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: this.env,
    });
    child.stderr!.on('data', (chunk) => (this.stderrText = (this.stderrText + chunk).slice(-4_000)));
    child.once('exit', () => child.pid !== undefined && live.delete(child.pid));
    if (child.pid !== undefined) live.add(child.pid);
    this.child = child;
  }

  /** Reloads in place (nginx) and waits for the old workers to exit, or restarts (HAProxy). */
  async reload(): Promise<void> {
    if (!this.program.reloadArgs || !this.running) {
      await this.stop();
      this.start();
      return;
    }
    const oldWorkers = childrenOf(this.child?.pid);
    const r = spawnSync(this.program.path, this.program.reloadArgs(this.dir), {
      encoding: 'utf8',
      env: this.env,
      timeout: 10_000,
    });
    if (r.status !== 0)
      throw new HarnessError(
        'TARGET',
        `${this.program.kind} refused the reload: ${(r.stderr || r.error?.message || '').trim()}`,
      );
    // Old workers keep answering the connections they hold; a kept-alive client would meet the old policy.
    if (!(await waitUntilGone(oldWorkers, 10_000)))
      throw new HarnessError('TARGET', `${this.program.kind}'s old workers did not exit within 10 s of a reload`);
  }

  /** SIGTERM to the proxy and its workers, SIGKILL after 5 s. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.pid === undefined) return;
    const members = [child.pid, ...childrenOf(child.pid)];
    if (child.exitCode === null && child.signalCode === null) {
      killTree(child.pid, 'SIGTERM');
      if (!(await waitUntilGone(members, 5_000))) for (const m of members) killTree(m, 'SIGKILL');
    }
    await waitUntilGone(members, 5_000);
    live.delete(child.pid);
  }
}
