import { Writable } from 'node:stream';
import { join } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { loadConfiguration, loadSupport, runCucumber } from '@cucumber/cucumber/api';
import { sharedKeyPool } from '../src/pki';
import { median, Measured, significant } from './figures';
import { now } from './timing';

const ROOT = join(__dirname, '..');

/** What one run of the feature suite took. */
interface SuiteRun {
  readonly success: boolean;
  readonly wallMs: number;
  /** Per scenario, testCaseStarted → testCaseFinished, in ms. */
  readonly scenarioMs: readonly number[];
  readonly keysFromCache: number;
  readonly keysGenerated: number;
}

const millis = (t: { seconds: number; nanos: number }): number => t.seconds * 1000 + t.nanos / 1e6;

/** Formatter output goes nowhere: the benchmark times the scenarios, not the reports. */
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

async function runOnce(options: Awaited<ReturnType<typeof prepare>>): Promise<SuiteRun> {
  const pool = sharedKeyPool();
  const keysBefore = { ...pool.stats };
  const started = new Map<string, number>();
  const scenarioMs: number[] = [];
  const onMessage = (message: Envelope) => {
    if (message.testCaseStarted) started.set(message.testCaseStarted.id, millis(message.testCaseStarted.timestamp));
    if (message.testCaseFinished) {
      const start = started.get(message.testCaseFinished.testCaseStartedId);
      if (start !== undefined) scenarioMs.push(millis(message.testCaseFinished.timestamp) - start);
    }
  };
  const t0 = now();
  const result = await runCucumber(options.run, options.environment, onMessage);
  return {
    success: result.success,
    wallMs: now() - t0,
    scenarioMs,
    keysFromCache: pool.stats.fromCache - keysBefore.fromCache,
    keysGenerated: pool.stats.generated - keysBefore.generated,
  };
}

/** The default cucumber profile (features/, steps/, in-process target), without its report formatters. */
async function prepare() {
  const environment = { cwd: ROOT, stdout: discard(), stderr: process.stderr };
  const { runConfiguration } = await loadConfiguration({ profiles: ['default'] }, environment);
  const run = { ...runConfiguration, formats: { stdout: 'summary', files: {}, publish: false as const, options: {} } };
  const support = await loadSupport(run, environment);
  return { run: { ...run, support }, environment };
}

/**
 * The whole feature suite on the in-process target, through cucumber's API in this process:
 * one warm-up run (it fills the key cache on a cold machine, loads and JITs everything), then
 * the measured run drawing the same cached keys again (KeyPool.rewind), so that it generates none.
 */
export async function measure(): Promise<Measured[]> {
  if (sharedKeyPool().cacheDir === false) {
    return [{ name: 'suite_ms_per_scenario', value: null, note: 'the figure is defined on a warm key cache, and ZTNA_HARNESS_KEY_CACHE=off turns the cache off' }];
  }
  const options = await prepare();
  const warmUp = await runOnce(options);
  sharedKeyPool().rewind();
  const measured = await runOnce(options);
  const perScenario = median(measured.scenarioMs);
  const sorted = [...measured.scenarioMs].sort((a, b) => a - b);
  return [
    {
      name: 'suite_ms_per_scenario',
      value: significant(perScenario),
      note: `median testCaseStarted→testCaseFinished of ${measured.scenarioMs.length} scenarios, in-process target, after a warm-up run; formatters off`,
      details: {
        scenarios: measured.scenarioMs.length,
        passed: measured.success,
        wallSeconds: significant(measured.wallMs / 1000),
        p90Ms: significant(sorted[Math.floor(sorted.length * 0.9)] ?? 0),
        maxMs: significant(sorted[sorted.length - 1] ?? 0),
        keysFromCache: measured.keysFromCache,
        keysGenerated: measured.keysGenerated,
        warmUp: { wallSeconds: significant(warmUp.wallMs / 1000), keysFromCache: warmUp.keysFromCache, keysGenerated: warmUp.keysGenerated },
        keyCache: sharedKeyPool().cacheDir,
      },
      summary: `${measured.scenarioMs.length} scenarios ${measured.success ? 'passed' : 'did NOT all pass'} in ${significant(measured.wallMs / 1000)} s wall (warm-up run ${significant(warmUp.wallMs / 1000)} s); keys: ${measured.keysFromCache} from the cache, ${measured.keysGenerated} generated (warm-up: ${warmUp.keysGenerated} generated)`,
      ifMissed:
        'RSA-2048 signatures are the largest part (~6 per scenario, ~1 ms each on this machine: EMS SSL CA and server, a root per site, a CSR and a certificate per endpoint); then OpenSSL 3 decoding (~5 new X509Certificate per scenario, ~0.25 ms each) and cucumber-expression matching',
    },
  ];
}
