import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { MAX_REDACT_DEPTH, REDACTED, redactDeep, redactText, TOO_DEEP } from './redact';

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const base64 = (der: Buffer): string => der.toString('base64');

const SECRETS: readonly [string, string][] = [
  ['pem/pkcs8', ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
  ['pem/sec1', ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString()],
  ['pem/pkcs1', rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()],
  [
    'pem/encrypted',
    rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'x' }).toString(),
  ],
  ['pem/cut-short', ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().slice(0, 120)],
  ['der/pkcs8-ec', base64(ec.privateKey.export({ type: 'pkcs8', format: 'der' }))],
  ['der/sec1-ec', base64(ec.privateKey.export({ type: 'sec1', format: 'der' }))],
  ['der/pkcs8-rsa', base64(rsa.privateKey.export({ type: 'pkcs8', format: 'der' }))],
  ['der/pkcs1-rsa', base64(rsa.privateKey.export({ type: 'pkcs1', format: 'der' }))],
];

for (const [name, secret] of SECRETS) {
  test(`redact/${name}`, () => {
    const redacted = redactText(`before\n${secret.trim()}\nafter`);
    // A block without its END line is redacted to the end of the text: where it stops is unknown.
    assert.equal(redacted, name === 'pem/cut-short' ? `before\n${REDACTED}` : `before\n${REDACTED}\nafter`);
  });
}

// Public material must survive: evidence shows certificates and public keys on purpose.
const PUBLIC: readonly [string, string][] = [
  ['pem/public-key', ec.publicKey.export({ type: 'spki', format: 'pem' }).toString()],
  ['der/public-key', base64(rsa.publicKey.export({ type: 'spki', format: 'der' }))],
  ['pem/certificate', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'],
  ['hex/fingerprint', 'AB'.repeat(32)],
  ['text/long-base64-noise', 'A'.repeat(400)],
];

for (const [name, text] of PUBLIC) {
  test(`redact/keeps/${name}`, () => assert.equal(redactText(text), text));
}

test('redactDeep: strings everywhere, secret-named members and JWK private parts', () => {
  const jwk = ec.privateKey.export({ format: 'jwk' });
  const input = {
    a: [{ b: `x ${SECRETS[0]![1].trim()}` }],
    jwk,
    privateKey: 'anything',
    password: 'p',
    keep: 42,
    nothing: null,
  };
  const out = redactDeep(input);
  assert.equal(out.a[0]!.b, `x ${REDACTED}`);
  assert.equal(out.jwk.d, REDACTED);
  assert.equal(out.jwk.x, jwk.x, 'public JWK members stay');
  assert.equal(out.privateKey, REDACTED);
  assert.equal(out.password, REDACTED);
  assert.equal(out.keep, 42);
  assert.equal(out.nothing, null);
  assert.notEqual(out, input, 'a copy');
});

test('redact/nested-too-deep-is-cut-not-a-stack-overflow', () => {
  let deep: unknown = 'leaf';
  for (let i = 0; i < 20_000; i++) deep = i % 2 ? [deep] : { next: deep };
  const copy = redactDeep({ evidence: deep }) as { evidence: unknown };
  let node: unknown = copy.evidence;
  let levels = 0;
  while (node !== null && typeof node === 'object') {
    node = Array.isArray(node) ? node[0] : (node as { next: unknown }).next;
    levels++;
  }
  assert.equal(levels, MAX_REDACT_DEPTH - 1);
  assert.equal(node, TOO_DEEP);
});
