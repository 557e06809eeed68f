import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { VirtualClock } from '../clock';
import type { Identity } from '../forticlient';
import { createLab, type Lab } from '../lab';
import type { CertificateCheck } from './certificate-check';
import { Gateway } from './gateway';
import type { EndpointRecord } from './synced-state';
import { VerificationCache } from './verification-cache';

const [A, B] = [1, 2]; // two generations of trust anchors

describe('VerificationCache', () => {
  test('bound: it never holds more than its capacity, however many certificates pass', () => {
    const cache = new VerificationCache<number>(6);
    for (let i = 0; i < 100; i++) {
      cache.set(`fp${i}`, A, i);
      assert.ok(cache.size <= 6, `size ${cache.size} after ${i + 1} entries`);
    }
    assert.equal(cache.stats.evicted, 100 - cache.size);
  });

  test('eviction order: the least recently used go first, what was used in the last two generations stays', () => {
    const cache = new VerificationCache<string>(4); // generations of 2
    cache.set('a', A, 'a');
    cache.set('b', A, 'b');
    cache.set('c', A, 'c'); // a and b become the old generation
    assert.equal(cache.get('a', A), 'a'); // a moves back to the young generation: c, a
    cache.set('d', A, 'd'); // young is full: c and a become old, b (unused since) is evicted
    assert.equal(cache.get('b', A), undefined);
    assert.deepEqual(
      ['a', 'c', 'd'].map((k) => cache.get(k, A)),
      ['a', 'c', 'd'],
    );
    assert.equal(cache.size, 3);
  });

  test('other anchors: an entry made against another anchor set is a miss, and is replaced', () => {
    const cache = new VerificationCache<string>(4);
    cache.set('a', A, 'trusted');
    assert.equal(cache.get('a', B), undefined);
    cache.set('a', B, 'untrusted');
    assert.equal(cache.get('a', A), undefined);
    assert.equal(cache.get('a', B), 'untrusted');
    assert.equal(cache.size, 1);
    assert.throws(() => new VerificationCache(1), RangeError);
  });
});

describe('a gateway with a verification cache', () => {
  let lab: Lab;
  let laptop: Identity;
  let other: Identity;
  before(async () => {
    lab = await createLab({ endpoints: [{ name: 'laptop' }, { name: 'other' }, { name: 'third' }] });
    [laptop, other] = [lab.endpoint('laptop').identity!, lab.endpoint('other').identity!];
  });
  after(() => lab.dispose());

  const gatewayWith = (cache: VerificationCache<CertificateCheck>): Gateway => {
    const gateway = new Gateway({
      name: 'fgt-cache',
      clock: new VirtualClock(lab.clock.now()),
      rules: [{ name: 'all', action: 'accept' }],
      verificationCache: cache,
    });
    gateway.applySync(lab.gateway().syncedContents());
    return gateway;
  };
  const decide = (gateway: Gateway, identity: Identity) =>
    gateway.decide({ certificate: identity.certificate, host: 'app.example.com', path: '/' });

  test('evicted/verified-again: a certificate evicted from the cache is verified again, not trusted blindly', () => {
    const cache = new VerificationCache<CertificateCheck>(2); // one certificate per generation
    const gateway = gatewayWith(cache);
    assert.equal(decide(gateway, laptop).reason, 'ALLOW');
    assert.equal(decide(gateway, laptop).reason, 'ALLOW');
    assert.deepEqual({ ...cache.stats }, { hits: 1, misses: 1, evicted: 0 });
    decide(gateway, other);
    decide(gateway, lab.endpoint('third').identity!); // laptop's entry is dropped
    assert.equal(decide(gateway, laptop).reason, 'ALLOW');
    assert.equal(cache.stats.misses, 4, 'the evicted certificate was verified again');
  });

  test('deny/stale-entry: a cached certificate is denied once its serial or root is revoked, its root is no longer an anchor, or its record changed', () => {
    const cache = new VerificationCache<CertificateCheck>();
    const gateway = gatewayWith(cache);
    assert.equal(decide(gateway, laptop).reason, 'ALLOW');
    const state = lab.gateway().syncedContents();
    gateway.applySync({ ...state, revokedSerials: [laptop.certificate.serial] });
    assert.equal(decide(gateway, laptop).reason, 'CERT_REVOKED');
    gateway.applySync({ ...state, roots: state.roots.map((root) => ({ ...root, revoked: true })) });
    assert.equal(decide(gateway, laptop).detail, 'root-revoked');
    gateway.applySync({ ...state, roots: [] }); // re-rooted: the cached verification was made against other anchors
    const rerooted = decide(gateway, laptop);
    assert.equal(rerooted.reason, 'CERT_INVALID');
    assert.equal(rerooted.detail, 'untrusted-issuer');
    gateway.applySync(state);
    assert.equal(decide(gateway, laptop).reason, 'ALLOW');
    const misses = cache.stats.misses;
    const uid = laptop.certificate.subjectCN;
    const withRecord = (change: (r: EndpointRecord) => EndpointRecord | undefined) =>
      gateway.applySync({ ...state, records: state.records.flatMap((r) => (r.uid === uid ? (change(r) ?? []) : [r])) });
    withRecord((r) => ({ ...r, online: false }));
    assert.equal(decide(gateway, laptop).reason, 'DEVICE_OFFLINE', 'the record is read again after a sync');
    withRecord((r) => ({ ...r, certSn: 'AB'.repeat(20) }));
    assert.equal(decide(gateway, laptop).detail, 'sn-mismatch');
    withRecord(() => undefined);
    assert.equal(decide(gateway, laptop).reason, 'NO_DEVICE_INFO');
    assert.equal(cache.stats.misses, misses, 'a sync with the same roots costs no new signature check');
  });

  const PORT_WRITES: [string, (gateway: Gateway) => void, string][] = [
    ['deny/revocations-port', (g) => g.revocations.replace([laptop.certificate.serial]), 'CERT_REVOKED'],
    ['deny/records-port', (g) => g.records.replace([]), 'NO_DEVICE_INFO'],
    ['deny/anchors-port', (g) => g.anchors.replace([]), 'CERT_INVALID'],
  ];
  for (const [name, write, reason] of PORT_WRITES) {
    test(`${name}: a write through one port alone makes a cached verification stale`, () => {
      const gateway = gatewayWith(new VerificationCache<CertificateCheck>());
      assert.equal(decide(gateway, laptop).reason, 'ALLOW');
      write(gateway);
      assert.equal(decide(gateway, laptop).reason, reason);
    });
  }
});
