import { verify } from 'node:crypto';
import { VirtualClock } from '../src/clock';
import { issuerOf } from '../src/ems';
import {
  type AccessRequest,
  type CertificateCheck,
  type EndpointRecord,
  Gateway,
  type ProxyRule,
  VerificationCache,
} from '../src/gateway';
import { createLab } from '../src/lab';
import { type Certificate, issueCertificate, newSerial, parseCertificate } from '../src/pki';
import { bytesOf, childrenOf, fromDer, toDer } from '../src/pki/asn1';
import { type Measured, median, significant } from './figures';
import { buildFleet } from './fleet-certificates';
import { settled } from './memory';
import { FastBytes, syntheticRecords, syntheticSerials } from './synthetic-records';
import { now, rateOf } from './timing';

const FLEET = 100_000;
const RECORDS = 1_000_000;
/** Requests in the skewed order, a power of two so that the loop wraps with a mask. */
const ORDER = 1 << 20;
/** Zipf exponent: the most requested certificate gets ~8% of the requests, the tail once in a while. */
const ZIPF_S = 1;
const ROUNDS = 7;
const ROUND_MS = 400;
/** Rounds of the first-seen comparison: each is short (a few ms per side), so more of them. */
const FIRST_SEEN_ROUNDS = 15;
const FIRST_SEEN = 512;
const AT = Date.UTC(2026, 2, 2, 9);
const RULES: readonly ProxyRule[] = [
  { name: 'intranet', host: 'intranet.example.com', tags: ['Domain-Users'], action: 'accept' },
];
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0';

const requestOf = (certificate: Certificate): AccessRequest => ({
  certificate,
  host: 'intranet.example.com',
  path: '/',
  userAgent: UA,
});

/** The endpoint record EMS would sync for a certificate's endpoint. */
function recordOf(certificate: Certificate, n: number): EndpointRecord {
  return {
    uid: certificate.subjectCN,
    certSn: certificate.serial,
    emsSerial: 'FCTEMS8822001975',
    tenantId: '0'.repeat(32),
    online: true,
    registered: true,
    tags: ['Domain-Users'],
    hostName: `FLEET-${n}`,
    os: 'Microsoft Windows 11 Professional Edition, 64-bit',
    ip: `10.9.${(n >> 8) & 0xff}.${n & 0xff}`,
    mac: '02:09:0f:00:00:01',
  };
}

/** `count` indices into a fleet of `n`, drawn with Zipf-like popularity over a shuffled ranking. */
function skewedOrder(n: number, count: number, seed: number): Uint32Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let rank = 0; rank < n; rank++) cdf[rank] = sum += 1 / (rank + 1) ** ZIPF_S;
  const random = new FastBytes(seed);
  const uniform = () =>
    (random.byte() * 2 ** 24 + random.byte() * 2 ** 16 + random.byte() * 2 ** 8 + random.byte()) / 2 ** 32;
  const ranking = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [ranking[i], ranking[j]] = [ranking[j]!, ranking[i]!];
  }
  const order = new Uint32Array(count);
  for (let k = 0; k < count; k++) {
    const u = uniform() * sum;
    let [lo, hi] = [0, n - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    order[k] = ranking[lo]!;
  }
  return order;
}

/** Heap bytes per verification-cache entry: a cache of `keys.length` entries built after full GCs (keys are the certificates' own strings). */
function bytesPerEntry(keys: readonly string[], anchors: number, recordsAt: number, revocationsAt: number): number {
  const before = settled();
  const cache = new VerificationCache<CertificateCheck>();
  for (const key of keys)
    cache.set(key, anchors, { recordsAt, revocationsAt, revoked: false, record: undefined, mismatch: undefined });
  const after = settled();
  if (cache.size !== keys.length) throw new Error(`the cache holds ${cache.size} of ${keys.length} entries`);
  return (after.heapUsed - before.heapUsed) / keys.length;
}

/** The hit path: 100,000 distinct certificates, each verified once, then requested in a skewed order. */
function fleetFigure(): Measured {
  const built = now();
  const fleet = buildFleet(FLEET, AT, parseCertificate);
  const buildSeconds = (now() - built) / 1000;
  const gateway = new Gateway({ name: 'fgt-fleet', clock: new VirtualClock(AT), rules: RULES });
  const records = [...fleet.certificates.map(recordOf), ...syntheticRecords(RECORDS - FLEET, 7)];
  gateway.applySync({
    roots: [{ certificate: fleet.root, revoked: false }],
    records,
    revokedSerials: syntheticSerials(RECORDS, 9),
  });
  const requests = fleet.certificates.map(requestOf);
  const seen = now();
  for (const request of requests) {
    const decision = gateway.decide(request);
    if (decision.reason !== 'ALLOW')
      throw new Error(`a fleet certificate was decided ${decision.reason} (${decision.detail ?? ''}), expected ALLOW`);
  }
  const firstPassSeconds = (now() - seen) / 1000;
  const cache = gateway.verifications;
  const order = skewedOrder(FLEET, ORDER, 11);
  const step = (i: number) => void gateway.decide(requests[order[i & (ORDER - 1)]!]!);
  rateOf(300, step);
  const missesBefore = cache.stats.misses;
  const rounds = Array.from({ length: ROUNDS }, () => rateOf(ROUND_MS, step));
  const missed = cache.stats.misses - missesBefore;
  if (missed > 0 || cache.stats.evicted > 0)
    throw new Error(`the cache did not hold the fleet: ${missed} misses, ${cache.stats.evicted} evicted`);
  const perCpuSecond = median(rounds.map((r) => r.perCpuSecond));
  const entryBytes = bytesPerEntry(
    fleet.certificates.map((c) => c.fingerprint),
    gateway.anchors.generation,
    gateway.records.generation,
    gateway.revocations.generation,
  );
  const distinct = new Set(order).size;
  return {
    name: 'decide_per_s_fleet',
    value: significant(perCpuSecond),
    note: `one thread, 1,000,000 records and 1,000,000 revoked serials; ${FLEET.toLocaleString('en-US')} distinct certificates (ECDSA P-256 root, see bench/fleet-certificates.ts), each decided once, then ${ORDER.toLocaleString('en-US')} requests in a Zipf (s=${ZIPF_S}) order; decisions per CPU second, median of ${ROUNDS} rounds`,
    details: {
      decisionsPerSecond: significant(median(rounds.map((r) => r.perSecond))),
      distinctCertificatesInOrder: distinct,
      cacheEntries: cache.size,
      cacheCapacity: cache.capacity,
      cacheHeapBytesPerEntry: Math.round(entryBytes),
      fingerprintStringBytes:
        "the key is the certificate's own fingerprint string (64 characters, ~80 bytes), shared while the certificate lives",
      firstPassSeconds: significant(firstPassSeconds),
      fleetBuildSeconds: significant(buildSeconds),
    },
    summary: `${Math.round(perCpuSecond).toLocaleString('en-US')} decisions per CPU second over ${distinct.toLocaleString('en-US')} distinct certificates, no cache miss; ${Math.round(entryBytes)} heap bytes per cache entry (${cache.size.toLocaleString('en-US')} of ${cache.capacity.toLocaleString('en-US')}); first pass ${significant(firstPassSeconds)} s`,
    ifMissed:
      'every decision is a cache hit that reads no 1M-entry map or set: the time goes to memory latency (the cache entry, the certificate, its endpoint record and tags, spread over a heap of 1M records), then to the rules (a Set of tags per decision) and the decision record',
  };
}

/** TBSCertificate and signature of a certificate's DER, for the raw verification it is compared with. */
function signedParts(certificate: Certificate): { tbs: Buffer; signature: Buffer } {
  const [tbs, , signature] = childrenOf(fromDer(certificate.der));
  return { tbs: toDer(tbs!), signature: bytesOf(signature!).subarray(1) };
}

/** Decisions on never-seen RSA-2048 certificates ÷ `crypto.verify` of their signatures, in alternating rounds. */
async function firstSeenFigure(): Promise<Measured> {
  const lab = await createLab({ seed: 'bench-first-seen', clockStart: AT, endpoints: [{ name: 'pc' }] });
  const root = lab.ems.site('default').ca.active;
  const key = lab.endpoint('pc').identity!.key;
  // Parsed as a TLS server hands them over: the decision gets the certificate, not its bytes.
  const certificates = Array.from({ length: FIRST_SEEN }, (_, n) =>
    parseCertificate(
      issueCertificate({
        serial: newSerial(lab.random),
        subject: { CN: (n + 1).toString(16).toUpperCase().padStart(32, '0') },
        subjectSpki: key.spki,
        issuer: issuerOf(root),
        notBefore: new Date(AT - 86_400_000),
        notAfter: new Date(AT + 86_400_000 * 30),
        profile: 'client',
      }).der,
    ),
  );
  const parts = certificates.map(signedParts);
  const requests = certificates.map(requestOf);
  const sync = {
    roots: [{ certificate: root.certificate, revoked: false }],
    records: certificates.map(recordOf),
    revokedSerials: [],
  };
  const ratios: number[] = [];
  let decideUs = 0;
  let verifyUs = 0;
  for (let round = 0; round <= FIRST_SEEN_ROUNDS; round++) {
    const gateway = new Gateway({ name: 'fgt-first-seen', clock: lab.clock, rules: RULES });
    gateway.applySync(sync);
    const t0 = now();
    for (const request of requests) {
      const decision = gateway.decide(request);
      if (decision.reason !== 'ALLOW')
        throw new Error(`a first-seen certificate was decided ${decision.reason} (${decision.detail ?? ''})`);
    }
    const t1 = now();
    for (const { tbs, signature } of parts)
      if (!verify('sha256', tbs, root.key.publicKey, signature)) throw new Error('a signature did not verify');
    const t2 = now();
    if (gateway.verifications.stats.misses !== FIRST_SEEN) throw new Error('a first-seen decision hit the cache');
    if (round === 0) continue; // warm-up
    ratios.push((t2 - t1) / (t1 - t0));
    decideUs += ((t1 - t0) * 1000) / FIRST_SEEN / FIRST_SEEN_ROUNDS;
    verifyUs += ((t2 - t1) * 1000) / FIRST_SEEN / FIRST_SEEN_ROUNDS;
  }
  lab.dispose();
  return {
    name: 'decide_first_seen_vs_verify',
    value: significant(median(ratios)),
    note: `decisions on ${FIRST_SEEN} never-seen RSA-2048 client certificates (each gateway new, its cache empty) ÷ crypto.verify of the same signatures with the root's key; median of ${FIRST_SEEN_ROUNDS} alternating rounds, wall clock`,
    details: { decideMicrosEach: significant(decideUs), verifyMicrosEach: significant(verifyUs) },
    summary: `a first decision ${significant(decideUs)} µs, the signature check alone ${significant(verifyUs)} µs`,
    ifMissed:
      "besides the signature, a first decision pays OpenSSL's issuer match (X509Certificate.checkIssued), the purpose checks, a cache entry and the decision record",
  };
}

/** The verification cache at fleet scale, and the cost of a certificate it has not seen. */
export async function measure(): Promise<Measured[]> {
  const firstSeen = await firstSeenFigure();
  return [fleetFigure(), firstSeen];
}
