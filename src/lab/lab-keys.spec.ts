/**
 * Labs share keys only over time, never at once: a disposed lab's keys serve the next lab (so a
 * run generates about one lab's worth), while two live labs — forks included — hold none in common.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type KeyPair, KeyPool } from '../pki';
import { createLab, type Lab, loadScenario } from './index';

const scenario = (name: string) => loadScenario(join(__dirname, '..', '..', 'scenarios', `${name}.yaml`)).spec;
const keysOf = (lab: Lab): Set<string> => new Set(lab.keys.keys.map((k: KeyPair) => k.spki.toString('hex')));
const shared = (a: Lab, b: Lab): string[] => [...keysOf(a)].filter((k) => keysOf(b).has(k));

describe('keys of labs', () => {
  test('live/disjoint: labs alive at once share no key; a disposed lab’s keys serve the next lab', async () => {
    const pool = new KeyPool(); // the cache folder of the run, with a pool of its own
    const first = await createLab(scenario('multi-tenant'), { keys: pool });
    const fork = first.fork();
    const second = await createLab(scenario('single-site'), { keys: pool });
    assert.deepEqual(shared(first, second), []);
    assert.ok(keysOf(first).size >= 5, 'roots, EMS SSL and endpoints each hold a key');

    first.dispose();
    const whileForkLives = await createLab(scenario('single-site'), { keys: pool });
    assert.deepEqual(shared(fork, whileForkLives), [], 'a live fork keeps its keys out of circulation');
    assert.deepEqual(shared(second, whileForkLives), []);

    const reusedBefore = pool.stats.reused;
    fork.dispose();
    const third = await createLab(scenario('multi-tenant'), { keys: pool });
    assert.equal(pool.stats.reused - reusedBefore, keysOf(third).size, 'the next lab is built from keys given back');
    for (const live of [second, whileForkLives]) assert.deepEqual(shared(live, third), []);
    for (const lab of [second, whileForkLives, third]) lab.dispose();
  });

  test("deny/other-lab-root: corp-laptop's certificate on a live single-site lab's proxy is an untrusted issuer, not an unknown device", async () => {
    const multi = await createLab(scenario('multi-tenant'));
    const single = await createLab(scenario('single-site'));
    const decision = single
      .gateway()
      .decide({ certificate: multi.endpoint('corp-laptop').identity!.certificate, host: 'app.example.com', path: '/' });
    assert.equal(decision.reason, 'CERT_INVALID');
    assert.equal(decision.detail, 'untrusted-issuer');
    multi.dispose();
    single.dispose();
  });

  test('disposed/refused: a disposed lab refuses use, since its keys may be another lab’s now', async () => {
    const lab = await createLab({ endpoints: [{ name: 'pc' }] });
    lab.dispose();
    lab.dispose(); // idempotent
    assert.throws(() => lab.endpoint('pc'), /disposed/);
    assert.throws(() => lab.fork(), /disposed/);
  });
});
