import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A real proxy program the harness can run on an export folder. */
export interface ProxyProgram {
  readonly kind: 'nginx' | 'haproxy';
  readonly path: string;
  /** Arguments that run it in the foreground on the export in `dir`. */
  startArgs(dir: string): string[];
  /** Arguments of an in-place reload, when it has one; a program without is restarted instead. */
  reloadArgs?(dir: string): string[];
}

const runs = (candidate: string, versionFlag: string): boolean =>
  spawnSync(candidate, [versionFlag], { stdio: 'ignore', timeout: 10_000 }).status === 0;

function firstThatRuns(candidates: (string | undefined)[], versionFlag: string): string | undefined {
  return candidates.filter((c): c is string => Boolean(c)).find((c) => runs(c, versionFlag));
}

/** The nginx binary, or undefined when it is not installed. */
export function findNginx(): string | undefined {
  return firstThatRuns([process.env.ZTNA_HARNESS_NGINX, 'nginx', '/usr/sbin/nginx'], '-v');
}

/** The haproxy binary, or undefined when it is not installed. */
export function findHaproxy(): string | undefined {
  return firstThatRuns([process.env.ZTNA_HARNESS_HAPROXY, 'haproxy', '/usr/sbin/haproxy'], '-v');
}

export const nginxProgram = (path: string): ProxyProgram => ({
  kind: 'nginx',
  path,
  startArgs: (dir) => ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'],
  reloadArgs: (dir) => ['-p', dir, '-c', join(dir, 'nginx.conf'), '-s', 'reload'],
});

// -db: stay in the foreground, one process; the harness restarts it on every lab change.
export const haproxyProgram = (path: string): ProxyProgram => ({
  kind: 'haproxy',
  path,
  startArgs: (dir) => ['-db', '-f', join(dir, 'haproxy.cfg')],
});

let faketime: string | null | undefined;

/**
 * Debian's libfaketime (package `faketime`), the thread-safe build, or undefined. With it a real
 * proxy checks certificate validity at the lab's virtual time instead of the wall clock.
 */
export function findLibfaketime(): string | undefined {
  if (faketime === undefined) {
    const dirs = ['x86_64-linux-gnu', 'aarch64-linux-gnu', 'arm-linux-gnueabihf', 'i386-linux-gnu'].map(
      (a) => `/usr/lib/${a}/faketime`,
    );
    const candidates = [
      process.env.ZTNA_HARNESS_LIBFAKETIME,
      ...[...dirs, '/usr/lib/faketime', '/usr/local/lib/faketime'].map((d) => `${d}/libfaketimeMT.so.1`),
    ];
    faketime = candidates.find((c): c is string => Boolean(c) && existsSync(c!)) ?? null;
  }
  return faketime ?? undefined;
}
