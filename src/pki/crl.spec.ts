import assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import { test } from 'node:test';
import { bytesOf, childrenOf, fromDer, OID, oidOf, toDer } from './asn1';
import { issueCertificate } from './certificate';
import { type CrlReason, createCrl } from './crl';
import { generateRsaSync } from './keys';
import { derOf } from './pem';

const AT = Date.UTC(2026, 0, 1);
const KEY = generateRsaSync(1024);
const CA = issueCertificate({
  serial: Buffer.from([1]),
  subject: { CN: 'default_ZTNARootCA' },
  subjectSpki: KEY.spki,
  issuer: 'self',
  selfKey: KEY,
  notBefore: new Date(AT - 86_400_000),
  notAfter: new Date(AT + 365 * 86_400_000),
  profile: 'ca',
});
const ISSUER = { nameDer: CA.subjectNameDer, key: KEY };

/** The parts of a CRL a relying party reads: version, issuer, revoked entries with reasons, CRL number, and whether the signature verifies. */
function readCrl(pem: string) {
  const [tbs, , signature] = childrenOf(fromDer(derOf(pem, 'X509 CRL', 'CRL')));
  const fields = childrenOf(tbs!);
  const entries = fields.length === 7 ? childrenOf(fields[5]!) : [];
  const extensions = childrenOf(childrenOf(fields.at(-1)!)[0]!);
  const crlNumber = extensions.find((e) => oidOf(childrenOf(e)[0]!) === OID.crlNumber)!;
  return {
    version: bytesOf(fields[0]!)[0],
    issuer: toDer(fields[2]!),
    revoked: entries.map((entry) => {
      const [serial, , extension] = childrenOf(entry);
      const [, value] = childrenOf(childrenOf(extension!)[0]!); // Extension: crlReason, OCTET STRING (ENUMERATED)
      const reason = bytesOf(fromDer(bytesOf(value!)))[0];
      return { serial: bytesOf(serial!).toString('hex').toUpperCase(), reason };
    }),
    crlNumber: parseInt(bytesOf(fromDer(bytesOf(childrenOf(crlNumber)[1]!))).toString('hex'), 16),
    signatureValid: verify('sha256', toDer(tbs!), KEY.publicKey, bytesOf(signature!).subarray(1)),
  };
}

const CASES: [string, readonly { serial: string; reason: CrlReason }[], number][] = [
  ['crl/empty', [], 1],
  ['crl/one-compromised-key', [{ serial: '42', reason: 'keyCompromise' }], 2],
  [
    'crl/reasons-in-order',
    [
      { serial: '0A', reason: 'superseded' },
      { serial: '7F01', reason: 'cessationOfOperation' },
    ],
    3,
  ],
  ['crl/crl-number-past-32-bits', [], 2 ** 40 + 5],
];
const REASON_CODE: Record<CrlReason, number> = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
};

for (const [name, revoked, crlNumber] of CASES) {
  test(name, () => {
    const pem = createCrl({
      issuer: ISSUER,
      thisUpdate: new Date(AT),
      nextUpdate: new Date(AT + 86_400_000),
      crlNumber,
      revoked: revoked.map((r) => ({ ...r, revokedAt: AT })),
    });
    const crl = readCrl(pem);
    assert.equal(crl.version, 1, 'a v2 CRL');
    assert.deepEqual(crl.issuer, CA.subjectNameDer);
    assert.deepEqual(
      crl.revoked,
      revoked.map((r) => ({ serial: r.serial, reason: REASON_CODE[r.reason] })),
    );
    assert.equal(crl.crlNumber, crlNumber);
    assert.equal(crl.signatureValid, true);
  });
}
