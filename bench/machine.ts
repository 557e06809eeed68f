import { cpus, loadavg, release, totalmem } from 'node:os';

/** What the figures were measured on; the figures are only comparable on the same machine. */
export interface Machine {
  readonly node: string;
  readonly v8: string;
  readonly openssl: string;
  readonly os: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly uvThreadpoolSize: number;
  /** 1-minute load average before and after the run: other work on the machine skews figures. */
  readonly loadAverage: { readonly before: number; readonly after?: number };
  readonly startedAt: string;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    openssl: process.versions.openssl,
    os: `${process.platform} ${release()} ${process.arch}`,
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    uvThreadpoolSize: Number(process.env.UV_THREADPOOL_SIZE) || 4,
    loadAverage: { before: Number(loadavg()[0]!.toFixed(2)) },
    startedAt: new Date().toISOString(),
  };
}
