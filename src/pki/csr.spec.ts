import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HarnessError } from '../errors';
import { OID } from './asn1';
import { createCsr, parseCsr } from './csr';
import { generateRsaSync } from './keys';

const UID = '9A016B5A6E914B42AD4168C066EB04CA';
const [KEY, OTHER] = [generateRsaSync(1024), generateRsaSync(1024)];

test('csr/round-trip: what FortiClient sends reads back the same from DER and PEM', () => {
  const csr = createCsr({ subject: { CN: UID }, key: KEY });
  for (const input of [csr.der, csr.pem]) {
    const parsed = parseCsr(input);
    assert.deepEqual(parsed.subject, { CN: UID });
    assert.deepEqual(parsed.spki, KEY.spki);
    assert.deepEqual(parsed.requestedExtKeyUsage, [OID.clientAuth]);
    assert.equal(parsed.signatureAlgorithm, OID.sha256WithRSA);
    assert.equal(parsed.signatureValid, true);
    assert.equal(parsed.keyType, 'rsa');
    assert.equal(parsed.keyBits, 1024);
  }
  assert.match(csr.pem, /^-----BEGIN CERTIFICATE REQUEST-----\n/);
});

test('csr/forged: a request signed with another key than it carries does not verify', () => {
  assert.equal(createCsr({ subject: { CN: UID }, key: KEY, signWith: OTHER }).signatureValid, false);
});

test('csr/requested-usages: the extension request says what the endpoint asks for', () => {
  const csr = createCsr({ subject: { CN: UID }, key: KEY, requestExtKeyUsage: [OID.clientAuth, OID.serverAuth] });
  assert.deepEqual(csr.requestedExtKeyUsage, [OID.clientAuth, OID.serverAuth]);
});

const BAD: [string, Buffer | string][] = [
  ['bad-input/empty', Buffer.alloc(0)],
  ['bad-input/not-der', Buffer.from('not a request')],
  ['bad-input/truncated', createCsr({ subject: { CN: UID }, key: KEY }).der.subarray(0, 40)],
  ['bad-input/wrong-pem-label', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'],
];
for (const [name, input] of BAD) {
  test(`csr/${name}`, () => {
    assert.throws(
      () => parseCsr(input),
      (error: unknown) => error instanceof HarnessError && error.code === 'BAD_INPUT',
    );
  });
}
