import crypto, { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfiguration, loadSupport, runCucumber } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { sharedKeyPool } from '../src/pki';
import { type Measured, median, significant } from './figures';
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
  readonly keysReused: number;
  readonly rsa: RsaCounts;
}

/** RSA private-key operations (signatures) and public-key ones (verifications) of a run. */
interface RsaCounts {
  signatures: number;
  verifications: number;
}

const rsa: RsaCounts = { signatures: 0, verifications: 0 };

/**
 * Counts every signature and verification the engine makes through node:crypto: the floor of a
 * scenario's time, since each costs about a millisecond (signing) or tens of µs (verifying).
 * The engine's modules call `crypto.sign`/`crypto.verify` through the module object, so
 * replacing them here sees every call.
 */
function countRsaOperations(): void {
  const { sign, verify } = crypto;
  const x509Verify = X509Certificate.prototype.verify;
  Object.assign(crypto, {
    sign: (...args: Parameters<typeof sign>) => {
      rsa.signatures++;
      return sign(...args);
    },
    verify: (...args: Parameters<typeof verify>) => {
      rsa.verifications++;
      return verify(...args);
    },
  });
  X509Certificate.prototype.verify = function (this: X509Certificate, key) {
    rsa.verifications++;
    return x509Verify.call(this, key);
  };
}

const millis = (t: { seconds: number; nanos: number }): number => t.seconds * 1000 + t.nanos / 1e6;

/** Formatter output goes nowhere: the benchmark times the scenarios, not the reports. */
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

async function runOnce(options: Awaited<ReturnType<typeof prepare>>): Promise<SuiteRun> {
  const pool = sharedKeyPool();
  const keysBefore = { ...pool.stats };
  const rsaBefore = { ...rsa };
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
    keysReused: pool.stats.reused - keysBefore.reused,
    rsa: {
      signatures: rsa.signatures - rsaBefore.signatures,
      verifications: rsa.verifications - rsaBefore.verifications,
    },
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
 * the measured run, whose labs take the keys the warm-up's labs gave back.
 */
export async function measure(): Promise<Measured[]> {
  if (sharedKeyPool().cacheDir === false) {
    return [
      {
        name: 'suite_ms_per_scenario',
        value: null,
        note: 'the figure is defined on a warm key cache, and ZTNA_HARNESS_KEY_CACHE=off turns the cache off',
      },
    ];
  }
  countRsaOperations();
  const options = await prepare();
  const warmUp = await runOnce(options);
  const measured = await runOnce(options);
  const scenarios = Math.max(1, measured.scenarioMs.length);
  const perScenario = (n: number) => significant(n / scenarios);
  const medianMs = median(measured.scenarioMs);
  const sorted = [...measured.scenarioMs].sort((a, b) => a - b);
  return [
    {
      name: 'suite_ms_per_scenario',
      value: significant(medianMs),
      note: `median testCaseStarted→testCaseFinished of ${measured.scenarioMs.length} scenarios, in-process target, after a warm-up run; formatters off`,
      details: {
        scenarios: measured.scenarioMs.length,
        passed: measured.success,
        wallSeconds: significant(measured.wallMs / 1000),
        p90Ms: significant(sorted[Math.floor(sorted.length * 0.9)] ?? 0),
        maxMs: significant(sorted[sorted.length - 1] ?? 0),
        rsaSignaturesPerScenario: perScenario(measured.rsa.signatures),
        rsaVerificationsPerScenario: perScenario(measured.rsa.verifications),
        keysFromCache: measured.keysFromCache,
        keysGenerated: measured.keysGenerated,
        keysReused: measured.keysReused,
        warmUp: {
          wallSeconds: significant(warmUp.wallMs / 1000),
          keysFromCache: warmUp.keysFromCache,
          keysGenerated: warmUp.keysGenerated,
          keysReused: warmUp.keysReused,
        },
        keyCache: sharedKeyPool().cacheDir,
      },
      summary: `${measured.scenarioMs.length} scenarios ${measured.success ? 'passed' : 'did NOT all pass'} in ${significant(measured.wallMs / 1000)} s wall (warm-up run ${significant(warmUp.wallMs / 1000)} s); RSA per scenario: ${perScenario(measured.rsa.signatures)} signatures, ${perScenario(measured.rsa.verifications)} verifications; keys: ${measured.keysReused} reused, ${measured.keysFromCache} from the cache, ${measured.keysGenerated} generated (warm-up: ${warmUp.keysGenerated} generated)`,
      ...(measured.success
        ? {}
        : { invalid: 'the measured run did not pass: a time of failing scenarios is not the figure' }),
      ifMissed: `RSA-2048 signatures are the floor (${perScenario(measured.rsa.signatures)} per scenario, ~1 ms each here: EMS SSL CA and server, a root per site, a CSR and a certificate per endpoint); then OpenSSL 3 decoding (new X509Certificate, ~0.25 ms each) and cucumber-expression matching`,
    },
  ];
}
