import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { test } from 'node:test';
import { keyPairFrom } from './keys';
import { toPem } from './pem';
import { keyPairFromPkcs8Pem, rsaJwkOfPkcs8 } from './pkcs8-jwk';

const hexOf = (pair: { spki: Buffer }): string => pair.spki.toString('hex');

test('the fast PEM reader yields the key OpenSSL reads, and falls back for other formats', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  assert.equal(rsaJwkOfPkcs8(pem)?.kty, 'RSA', 'an RSA PKCS#8 key takes the JWK path');
  const fast = keyPairFromPkcs8Pem(pem);
  assert.equal(hexOf(fast), hexOf(keyPairFrom(createPrivateKey(pem))));
  assert.equal(fast.bits, 1024);
  const signature = sign('sha256', Buffer.from('tbs'), fast.privateKey);
  assert.ok(verify('sha256', Buffer.from('tbs'), privateKey, signature));

  const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  assert.equal(rsaJwkOfPkcs8(pkcs1), undefined);
  assert.equal(hexOf(keyPairFromPkcs8Pem(pkcs1)), hexOf(fast));
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;
  assert.equal(rsaJwkOfPkcs8(ec), undefined);
  assert.equal(keyPairFromPkcs8Pem(ec).privateKey.asymmetricKeyType, 'ec');
  assert.throws(() => keyPairFromPkcs8Pem(toPem('PRIVATE KEY', Buffer.from('not a key'))));
});
