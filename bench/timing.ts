/** Monotonic milliseconds. */
export const now = (): number => performance.now();

/** A loop's throughput by the wall clock and by the CPU time this process used. */
export interface Rate {
  readonly ops: number;
  readonly perSecond: number;
  /**
   * Operations per second of CPU time (user + system, all threads of the process). Other work on
   * a shared machine slows the wall-clock rate but hardly this one.
   */
  readonly perCpuSecond: number;
}

/** Runs `step` in a loop for about `ms` milliseconds of wall time. */
export function rateOf(ms: number, step: (i: number) => void): Rate {
  const cpu = process.cpuUsage();
  const start = now();
  let ops = 0;
  let elapsed = 0;
  // Check the clock every 16 operations so that reading it does not dominate cheap steps.
  while (elapsed < ms) {
    for (let i = 0; i < 16; i++) step(ops++);
    elapsed = now() - start;
  }
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  return { ops, perSecond: (ops / elapsed) * 1000, perCpuSecond: (ops / Math.max(cpuMs, 0.001)) * 1000 };
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
