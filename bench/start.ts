import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Measured, significant } from './figures';
import { now } from './timing';

const ROOT = join(__dirname, '..');

interface StartRun {
  readonly seconds: number;
  readonly status: number | null;
  readonly output: string;
}

/** `npm start` (`ztna-harness run`: every feature and YAML check in-process) with the key cache in `cacheDir`. */
function start(cacheDir: string, reportsDir: string): Promise<StartRun> {
  const started = now();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'ztna-harness.js'), 'run', '--reports', reportsDir], {
    cwd: ROOT,
    env: { ...process.env, ZTNA_HARNESS_CACHE: cacheDir, ZTNA_HARNESS_KEY_CACHE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) =>
    child.once('close', (status) => resolve({ seconds: (now() - started) / 1000, status, output })),
  );
}

const keysIn = (cacheDir: string): number => {
  try {
    return readdirSync(join(cacheDir, 'keys', 'rsa-2048')).filter((f) => f.endsWith('.pem')).length;
  } catch {
    return 0;
  }
};

/**
 * `npm start` on a machine that never ran the project (an empty key cache) ÷ the same command
 * once that run has filled the cache, both in this bench run with a cache folder of their own.
 * The cold run goes first, so it also pays for loading the code from disk: the ratio errs high.
 */
export async function measure(): Promise<Measured[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-bench-start-'));
  try {
    const cache = join(dir, 'cache');
    const cold = await start(cache, join(dir, 'reports-cold'));
    const generated = keysIn(cache);
    const warm = await start(cache, join(dir, 'reports-warm'));
    const failed = [cold, warm].find((run) => run.status !== 0);
    return [
      {
        name: 'cold_vs_warm_start',
        value: significant(cold.seconds / warm.seconds),
        note: '`node bin/ztna-harness.js run` (what `npm start` runs) with ZTNA_HARNESS_CACHE on an empty folder, then again on the keys that run cached; wall clock',
        details: {
          coldSeconds: significant(cold.seconds),
          warmSeconds: significant(warm.seconds),
          keysGeneratedCold: generated,
          keysGeneratedWarm: keysIn(cache) - generated,
        },
        summary: `cold ${significant(cold.seconds)} s (${generated} RSA keys generated), warm ${significant(warm.seconds)} s`,
        ...(failed
          ? { invalid: `a run exited ${failed.status}: ${failed.output.trim().split('\n').slice(-3).join(' / ')}` }
          : {}),
        ifMissed: `the cold run generated ${generated} keys: labs alive at once (or not disposed) hold more keys than one lab needs`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
