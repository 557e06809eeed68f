import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OID, type SigningRequest } from '../pki';
import {
  clientAuthOnly,
  csrSignatureValid,
  DEFAULT_SIGNING_POLICY,
  firstRefusal,
  keyStrength,
  type SigningContext,
  type SigningValidator,
  uidFormat,
  uidMatchesSubject,
  validity,
} from './signing-policy';

// Each validator judged from plain values, with no CA, key or lab behind them: a validator is a
// pure function of what it sees (as step-ca tests its sign options).
const UID = '9A016B5A6E914B42AD4168C066EB04CA';
const CSR: SigningRequest = {
  der: Buffer.alloc(0),
  pem: '',
  subject: { CN: UID },
  spki: Buffer.alloc(0),
  keyBits: 2048,
  keyType: 'rsa',
  signatureAlgorithm: OID.sha256WithRSA,
  requestedExtKeyUsage: [OID.clientAuth],
  signatureValid: true,
};
const CONTEXT: SigningContext = { csr: CSR, uid: UID, notBefore: 1_000, notAfter: 2_000, rootNotAfter: 3_000 };
const withCsr = (csr: Partial<SigningRequest>): SigningContext => ({ ...CONTEXT, csr: { ...CSR, ...csr } });

const CASES: [string, SigningValidator, SigningContext, RegExp | undefined][] = [
  ['csrSignatureValid/allow/sha256-rsa', csrSignatureValid, CONTEXT, undefined],
  [
    'csrSignatureValid/deny/sha1',
    csrSignatureValid,
    withCsr({ signatureAlgorithm: '1.2.840.113549.1.1.5' }),
    /signed with sha1WithRSAEncryption; only sha256WithRSAEncryption/,
  ],
  [
    'csrSignatureValid/deny/unknown-algorithm',
    csrSignatureValid,
    withCsr({ signatureAlgorithm: '1.2.3.4' }),
    /signed with 1\.2\.3\.4/,
  ],
  [
    'csrSignatureValid/deny/signature-does-not-verify',
    csrSignatureValid,
    withCsr({ signatureValid: false }),
    /does not verify/,
  ],
  ['uidFormat/allow/upper-hex', uidFormat, CONTEXT, undefined],
  ['uidFormat/deny/lower-case', uidFormat, { ...CONTEXT, uid: UID.toLowerCase() }, /not 32 upper-case hexadecimal/],
  ['uidFormat/deny/31-characters', uidFormat, { ...CONTEXT, uid: UID.slice(1) }, /not 32 upper-case hexadecimal/],
  ['uidMatchesSubject/allow/same', uidMatchesSubject, CONTEXT, undefined],
  [
    'uidMatchesSubject/deny/other-cn',
    uidMatchesSubject,
    withCsr({ subject: { CN: 'F'.repeat(32) } }),
    /is not the registering UID/,
  ],
  ['uidMatchesSubject/deny/no-cn', uidMatchesSubject, withCsr({ subject: {} }), /subject CN "" is not/],
  ['keyStrength/allow/2048', keyStrength(), CONTEXT, undefined],
  ['keyStrength/deny/2047', keyStrength(), withCsr({ keyBits: 2047 }), /2047 bits; at least 2048/],
  ['keyStrength/deny/ec-key', keyStrength(), withCsr({ keyType: 'ec', keyBits: 256 }), /key is ec, not RSA/],
  ['keyStrength/allow/custom-minimum', keyStrength(1024), withCsr({ keyBits: 1024 }), undefined],
  ['clientAuthOnly/allow/client-auth', clientAuthOnly, CONTEXT, undefined],
  ['clientAuthOnly/allow/none-requested', clientAuthOnly, withCsr({ requestedExtKeyUsage: [] }), undefined],
  [
    'clientAuthOnly/deny/server-auth',
    clientAuthOnly,
    withCsr({ requestedExtKeyUsage: [OID.clientAuth, OID.serverAuth] }),
    new RegExp(`other than clientAuth \\(${OID.serverAuth.replace(/\./g, '\\.')}\\)`),
  ],
  ['validity/allow/inside-the-root', validity, CONTEXT, undefined],
  ['validity/allow/ends-with-the-root', validity, { ...CONTEXT, notAfter: 3_000 }, undefined],
  ['validity/deny/empty-period', validity, { ...CONTEXT, notAfter: 1_000 }, /validity period is empty/],
  ['validity/deny/outlives-the-root', validity, { ...CONTEXT, notAfter: 3_001 }, /outlive the root CA/],
];

for (const [name, rule, context, refusal] of CASES) {
  test(`signing/${name}`, () => {
    const got = rule.check(context);
    if (refusal) assert.match(got ?? 'accepted', refusal);
    else assert.equal(got, undefined);
  });
}

test('signing/policy-order: the first refusal wins, named by its validator', () => {
  const context: SigningContext = { ...withCsr({ signatureValid: false, keyBits: 1024 }), uid: 'laptop' };
  assert.match(firstRefusal(DEFAULT_SIGNING_POLICY, context) ?? '', /^csrSignatureValid: /);
  assert.match(firstRefusal(DEFAULT_SIGNING_POLICY.slice(1), context) ?? '', /^uidFormat: /);
  assert.equal(firstRefusal(DEFAULT_SIGNING_POLICY, CONTEXT), undefined);
  assert.deepEqual(
    DEFAULT_SIGNING_POLICY.map((v) => v.name),
    ['csrSignatureValid', 'uidFormat', 'uidMatchesSubject', 'keyStrength', 'clientAuthOnly', 'validity'],
  );
});
