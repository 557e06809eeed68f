import { sign } from 'node:crypto';
import { VirtualClock } from '../src/clock';
import { Ems, newUid } from '../src/ems';
import { createCsr, type KeyPair, parseCsr, SeededRandom, sharedKeyPool } from '../src/pki';
import { type Measured, median, significant } from './figures';
import { rateOf } from './timing';

const ROUNDS = 7;
const ROUND_MS = 350;

/**
 * Issuance (what EMS does for each registration: parse and verify the CSR, build the certificate
 * with forge's ASN.1, sign it natively, parse the result) against the raw RSA-2048 signature the
 * same CA key makes over a TBSCertificate-sized input, measured in alternating rounds in one
 * process so that load from other work on the machine hits both alike.
 */
export async function measure(): Promise<Measured[]> {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const random = new SeededRandom('bench-issuance');
  const keys = sharedKeyPool();
  const ems = await Ems.create({ clock, random, keys });
  const ca = ems.site('default').ca;
  const clientKeys: KeyPair[] = await Promise.all([keys.take(), keys.take(), keys.take(), keys.take()]);
  // The endpoint's side (key, CSR) is not timed; each CSR has its own UID, as registrations do.
  const requests = Array.from({ length: 256 }, (_, i) => {
    const uid = newUid(random);
    return { uid, der: createCsr({ subject: { CN: uid }, key: clientKeys[i % clientKeys.length]! }).der };
  });
  const sample = ca.sign(parseCsr(requests[0]!.der), requests[0]!.uid);
  // The certificate's own TBSCertificate (SEQUENCE with a two-byte length at offset 4).
  const tbs = sample.der.subarray(4, 8 + sample.der.readUInt16BE(6));
  const caKey = ca.active.key.privateKey;

  const issue = (i: number) => {
    const request = requests[i % requests.length]!;
    ca.sign(parseCsr(request.der), request.uid);
  };
  const rawSign = () => void sign('sha256', tbs, caKey);
  rateOf(300, issue); // warm-up: JIT and forge's lazily built tables
  rateOf(300, rawSign);

  const rounds: { raw: number; issuance: number; rawWall: number; issuanceWall: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const raw = rateOf(ROUND_MS, rawSign);
    const issuance = rateOf(ROUND_MS, issue);
    rounds.push({
      raw: raw.perCpuSecond,
      issuance: issuance.perCpuSecond,
      rawWall: raw.perSecond,
      issuanceWall: issuance.perSecond,
    });
  }
  // Wall-clock rates: CPU time would also count V8's GC helper threads, which only issuance keeps busy.
  const ratio = median(rounds.map((r) => r.issuanceWall / r.rawWall));
  return [
    {
      name: 'issuance_vs_raw_sign',
      value: significant(ratio),
      note: `median of ${ROUNDS} alternating rounds of issuance (CSR parse + verify, build, sign, parse) vs raw crypto.sign (wall clock)`,
      details: {
        issuancePerCpuSecond: significant(median(rounds.map((r) => r.issuance))),
        rawSignPerCpuSecond: significant(median(rounds.map((r) => r.raw))),
        issuancePerSecond: significant(median(rounds.map((r) => r.issuanceWall))),
        rawSignPerSecond: significant(median(rounds.map((r) => r.rawWall))),
        tbsBytes: tbs.length,
      },
      summary: `issuance ${Math.round(median(rounds.map((r) => r.issuanceWall)))}/s vs raw RSA-2048 sign ${Math.round(median(rounds.map((r) => r.rawWall)))}/s`,
      ifMissed:
        'besides the signature, each issuance pays OpenSSL 3 key and certificate decoding twice (createPublicKey of the CSR key from SPKI DER, new X509Certificate of the result) and forge ASN.1 in JavaScript',
    },
  ];
}
