import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OID } from './asn1';
import { type Certificate, type CertificateSpec, issueCertificate, parseCertificate } from './certificate';
import { verifyChain } from './chain';
import { generateRsaSync } from './keys';

const DAY = 86_400_000;
const AT = Date.UTC(2026, 0, 1);
const [ROOT_KEY, OTHER_KEY, LEAF_KEY] = [generateRsaSync(1024), generateRsaSync(1024), generateRsaSync(1024)];
const rootOf = (key = ROOT_KEY): Certificate =>
  issueCertificate({
    serial: Buffer.from([1]),
    subject: { CN: 'root' },
    subjectSpki: key.spki,
    issuer: 'self',
    selfKey: key,
    notBefore: new Date(AT - DAY),
    notAfter: new Date(AT + 365 * DAY),
    profile: 'ca',
  });
const ROOT = rootOf();
// Same name, other key: not the issuer (its key identifier differs).
const IMPOSTOR = rootOf(OTHER_KEY);
const leaf = (spec: Partial<CertificateSpec> = {}): Certificate =>
  issueCertificate({
    serial: Buffer.from([0x42]),
    subject: { CN: 'leaf' },
    subjectSpki: LEAF_KEY.spki,
    issuer: { nameDer: ROOT.subjectNameDer, key: ROOT_KEY },
    notBefore: new Date(AT - DAY),
    notAfter: new Date(AT + DAY),
    profile: 'client',
    extKeyUsage: [OID.clientAuth],
    ...spec,
  });
/** The leaf with the last byte of its signature flipped: issued by ROOT by every name and key id, but not signed by it. */
const tampered = (): Certificate => {
  const der = Buffer.from(leaf().der);
  der[der.length - 1]! ^= 0xff;
  return parseCertificate(der);
};

const CASES: [string, Certificate, readonly Certificate[], number, 'clientAuth' | 'serverAuth', string | undefined][] =
  [
    ['allow/issued-by-an-anchor', leaf(), [ROOT], AT, 'clientAuth', undefined],
    ['allow/second-anchor', leaf(), [IMPOSTOR, ROOT], AT, 'clientAuth', undefined],
    ['deny/no-anchor', leaf(), [], AT, 'clientAuth', 'untrusted-issuer'],
    ['deny/bad-signature', tampered(), [ROOT], AT, 'clientAuth', 'bad-signature'],
    ['deny/same-name-other-key', leaf(), [IMPOSTOR], AT, 'clientAuth', 'untrusted-issuer'],
    ['deny/not-yet-valid', leaf(), [ROOT], AT - 2 * DAY, 'clientAuth', 'not-yet-valid'],
    ['deny/expired', leaf(), [ROOT], AT + 2 * DAY, 'clientAuth', 'expired'],
    ['deny/unreadable-time', leaf(), [ROOT], Number.NaN, 'clientAuth', 'not-yet-valid'],
    ['deny/server-auth-only', leaf({ extKeyUsage: [OID.serverAuth] }), [ROOT], AT, 'clientAuth', 'not-client-auth'],
    ['deny/client-auth-as-server', leaf(), [ROOT], AT, 'serverAuth', 'not-server-auth'],
    [
      'deny/ca-certificate',
      leaf({ profile: 'ca', extKeyUsage: undefined }),
      [ROOT],
      AT,
      'clientAuth',
      'ca-certificate',
    ],
    ['deny/zero-serial', leaf({ serial: Buffer.from([0]) }), [ROOT], AT, 'clientAuth', 'bad-serial'],
  ];

for (const [name, certificate, anchors, at, purpose, failure] of CASES) {
  test(`chain/${name}`, () => {
    const result = verifyChain(certificate, anchors, at, purpose);
    assert.equal(result.ok ? undefined : result.failure, failure);
    if (result.ok) assert.equal(result.anchor, ROOT);
  });
}
