/**
 * Serial numbers stay unique across parallel workers. Labs draw serials from a seeded stream;
 * a lab whose spec pins no seed gets a fresh one (lab.seed says which, for a replay), so two
 * workers building the same lab at the same time never issue the same serial — which would
 * make two certificates indistinguishable to one gateway or in one merged report.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { createLab } from '../../src/lab';

function worker(data: { labs: number; endpoints: number }): Promise<{ unseeded: string[]; pinned: string[] }> {
  const file = join(__dirname, 'issue-serials.ts');
  const thread = new Worker(`require('ts-node/register'); require(${JSON.stringify(file)});`, {
    eval: true,
    workerData: data,
  });
  return new Promise((resolve, reject) => {
    thread.once('message', resolve);
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`worker exited with ${code} before reporting`)));
  });
}

describe('serial numbers across parallel workers', () => {
  test('two workers building the same unseeded labs at once issue no serial twice; a pinned seed replays', {
    timeout: 120_000,
  }, async () => {
    const [a, b] = await Promise.all([worker({ labs: 3, endpoints: 8 }), worker({ labs: 3, endpoints: 8 })]);
    const all = [...a!.unseeded, ...b!.unseeded];
    assert.equal(all.length, 2 * 3 * (3 + 8 + 1));
    assert.equal(new Set(all).size, all.length, 'every serial is unique');
    for (const serial of all) assert.match(serial, /^[0-9A-F]{40}$/);
    assert.deepEqual(a!.pinned, b!.pinned, 'the same pinned seed gives the same serials in both workers');
  });

  test('each unseeded lab records the seed it drew, and a lab built from that seed issues the same serials', async () => {
    const first = await createLab({ endpoints: [{ name: 'pc' }] });
    const second = await createLab({ endpoints: [{ name: 'pc' }] });
    assert.match(first.seed!, /^ztna-harness\/[0-9a-f]{16}$/);
    assert.notEqual(first.seed, second.seed);
    assert.notEqual(
      first.endpoint('pc').identity!.certificate.serial,
      second.endpoint('pc').identity!.certificate.serial,
    );
    assert.notEqual(first.endpoint('pc').uid, second.endpoint('pc').uid);
    const replay = await createLab({ seed: first.seed, endpoints: [{ name: 'pc' }] });
    assert.equal(replay.endpoint('pc').uid, first.endpoint('pc').uid);
    assert.equal(
      replay.ems.site('default').ca.active.certificate.serial,
      first.ems.site('default').ca.active.certificate.serial,
    );
  });
});
