/**
 * Model-based property test of the engine against the reference model (reference-model.ts,
 * reference-access-proxy.ts): random sequences of EMS, endpoint, fabric, gateway and clock
 * actions with requests presenting any identity, from any source address, as any user, against
 * the lab's flat rules or a random gateway in FortiOS spelling of a random release
 * (gateway-plans.ts). The sequences are split over worker threads (one per core, at most two).
 *
 *   ZTNA_PROPERTY_SEED     fast-check seed of worker 0; worker i uses seed + i (default: random, printed)
 *   ZTNA_PROPERTY_RUNS     sequences in all (default 10000)
 *   ZTNA_PROPERTY_PATH     replays one shrunk counterexample in-process (printed on failure, with its seed)
 *   ZTNA_PROPERTY_WORKERS  worker threads (default: min(2, cores); 1 runs in-process)
 */
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { REASON_CODES } from '../../src/gateway';
import { type PropertyOptions, type PropertyResult, runProperty } from './property-run';
import { VERSIONS } from './reference-fortios';

const seed =
  process.env.ZTNA_PROPERTY_SEED === undefined
    ? Math.floor(Math.random() * 0x7fffffff)
    : Number(process.env.ZTNA_PROPERTY_SEED);
const numRuns = Number(process.env.ZTNA_PROPERTY_RUNS ?? 10_000);
const path = process.env.ZTNA_PROPERTY_PATH || undefined;
const workers = path
  ? 1
  : Math.max(1, Number(process.env.ZTNA_PROPERTY_WORKERS ?? Math.min(2, availableParallelism())));
const SPEC_FILE = 'test/property/engine-model.spec.ts';

/** Runs a share of the sequences on a worker thread (ts-node loads the TypeScript there too). */
function inWorker(options: PropertyOptions): Promise<PropertyResult> {
  const file = join(__dirname, 'property-worker.ts');
  const worker = new Worker(`require('ts-node/register'); require(${JSON.stringify(file)});`, {
    eval: true,
    workerData: options,
  });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`property worker exited with code ${code} before reporting`)));
  });
}

test(`engine and reference model agree on ${numRuns} random sequences (seed ${seed})`, {
  timeout: 600_000,
}, async () => {
  console.log(
    `property: seed ${seed}, ${numRuns} sequences on ${workers} worker(s)${path ? `, replaying path ${path}` : ''}`,
  );
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const shares = Array.from({ length: workers }, (_, i) => ({
    seed: (seed + i) % 0x7fffffff,
    numRuns: Math.floor(numRuns / workers) + (i < numRuns % workers ? 1 : 0),
    path,
  }));
  const results = workers === 1 ? [await runProperty(shares[0]!)] : await Promise.all(shares.map(inWorker));
  const total = (key: 'sequences' | 'actions' | 'requests') => results.reduce((sum, r) => sum + r[key], 0);
  const sum = (key: 'reasons' | 'gateways' | 'outcomes') => {
    const counts: Record<string, number> = {};
    for (const r of results) for (const [k, n] of Object.entries(r[key])) counts[k] = (counts[k] ?? 0) + n;
    return Object.fromEntries(Object.entries(counts).sort());
  };
  const reasons = sum('reasons');
  const gateways = sum('gateways');
  const outcomes = sum('outcomes');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const used = process.cpuUsage(cpuBefore); // process-wide: every worker thread included
  const cpu = ((used.user + used.system) / 1e6).toFixed(1);
  console.log(
    `property: ${total('sequences')} sequences, ${total('actions')} actions, ${total('requests')} requests in ${seconds} s (${cpu} CPU s)`,
  );
  console.log(`property: reasons ${JSON.stringify(reasons)}`);
  console.log(`property: gateways ${JSON.stringify(gateways)}`);
  for (const { failure, seed: failedSeed } of results) {
    if (!failure) continue;
    const replay = `ZTNA_PROPERTY_SEED=${failedSeed} ZTNA_PROPERTY_PATH=${failure.path} node --require ts-node/register --test ${SPEC_FILE}`;
    assert.fail(
      `${failure.message}\ncounterexample (${failure.shrinks} shrinks): ${failure.counterexample}\nseed ${failedSeed}, path ${failure.path}\nreplay: ${replay}`,
    );
  }
  if (!path && numRuns >= 2_000) {
    assert.deepEqual(
      REASON_CODES.filter((reason) => !(reason in reasons)),
      [],
      'every reason code is reached by some request',
    );
    assert.deepEqual(
      ['flat-rules', ...VERSIONS].filter((kind) => !(kind in gateways)),
      [],
      'every FortiOS release and the flat rules are run',
    );
    // Each release's routing and rules are reached, not only its certificate checks.
    const expected = ['ALLOW', 'APP_NOT_FOUND', 'TAGS_NO_MATCH'];
    assert.deepEqual(
      VERSIONS.flatMap((v) => expected.map((reason) => `${v} ${reason}`)).filter((key) => !(key in outcomes)),
      [],
      `every FortiOS release has requests allowed, mapped by no API gateway, and matching no rule's tags`,
    );
  }
});
