import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { fingerprintOf, keyTypeOf, pinnedFingerprint } from './host-key';
import { type HostKeyVerdict, parseKnownHosts, verifyHostKey } from './known-hosts';

/** Two fake key blobs in SSH wire form (type string, then bytes); only equality matters here. */
const blob = (type: string, fill: number): Buffer => {
  const name = Buffer.from(type);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(name.length);
  return Buffer.concat([head, name, Buffer.alloc(32, fill)]);
};
const KEY_A = blob('ssh-ed25519', 1);
const KEY_B = blob('ssh-ed25519', 2);
const b64 = (key: Buffer) => key.toString('base64');
const hashed = (name: string, salt = Buffer.alloc(20, 7)) =>
  `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;

const CASES: readonly {
  name: string;
  file: string;
  host: string;
  port: number;
  key: Buffer;
  verdict: HostKeyVerdict;
}[] = [
  {
    name: 'known/plain-name',
    file: `fgt-a.example.com ssh-ed25519 ${b64(KEY_A)}`,
    host: 'fgt-a.example.com',
    port: 22,
    key: KEY_A,
    verdict: { status: 'known', line: 1 },
  },
  {
    name: 'known/name-is-case-insensitive',
    file: `FGT-A.example.com ssh-ed25519 ${b64(KEY_A)}`,
    host: 'fgt-a.EXAMPLE.com',
    port: 22,
    key: KEY_A,
    verdict: { status: 'known', line: 1 },
  },
  {
    name: 'known/one-of-a-list',
    file: `# fleet\n10.0.0.1,fgt-a ssh-ed25519 ${b64(KEY_A)} comment`,
    host: 'fgt-a',
    port: 22,
    key: KEY_A,
    verdict: { status: 'known', line: 2 },
  },
  {
    name: 'known/bracketed-port',
    file: `[10.0.0.1]:2222 ssh-ed25519 ${b64(KEY_A)}`,
    host: '10.0.0.1',
    port: 2222,
    key: KEY_A,
    verdict: { status: 'known', line: 1 },
  },
  {
    name: 'known/hashed',
    file: `${hashed('fgt-a')} ssh-ed25519 ${b64(KEY_A)}`,
    host: 'fgt-a',
    port: 22,
    key: KEY_A,
    verdict: { status: 'known', line: 1 },
  },
  {
    name: 'known/hashed-bracketed-port',
    file: `${hashed('[fgt-a]:2222')} ssh-ed25519 ${b64(KEY_A)}`,
    host: 'fgt-a',
    port: 2222,
    key: KEY_A,
    verdict: { status: 'known', line: 1 },
  },
  {
    name: 'known/wildcard',
    file: `*.example.com ssh-ed25519 ${b64(KEY_A)}`,
    host: 'fgt-a.example.com',
    port: 22,
    key: KEY_A,
    verdict: { status: 'known', line: 1 },
  },
  {
    name: 'known/second-key-of-the-host',
    file: `fgt-a ssh-ed25519 ${b64(KEY_B)}\nfgt-a ssh-ed25519 ${b64(KEY_A)}`,
    host: 'fgt-a',
    port: 22,
    key: KEY_A,
    verdict: { status: 'known', line: 2 },
  },
  {
    name: 'unknown/other-host',
    file: `fgt-b ssh-ed25519 ${b64(KEY_A)}`,
    host: 'fgt-a',
    port: 22,
    key: KEY_A,
    verdict: { status: 'unknown' },
  },
  {
    name: 'unknown/port-22-entry-does-not-name-another-port',
    file: `fgt-a ssh-ed25519 ${b64(KEY_A)}`,
    host: 'fgt-a',
    port: 2222,
    key: KEY_A,
    verdict: { status: 'unknown' },
  },
  {
    name: 'unknown/hashed-other-host',
    file: `${hashed('fgt-b')} ssh-ed25519 ${b64(KEY_A)}`,
    host: 'fgt-a',
    port: 22,
    key: KEY_A,
    verdict: { status: 'unknown' },
  },
  {
    name: 'unknown/negated',
    file: `*.example.com,!fgt-a.example.com ssh-ed25519 ${b64(KEY_A)}`,
    host: 'fgt-a.example.com',
    port: 22,
    key: KEY_A,
    verdict: { status: 'unknown' },
  },
  {
    name: 'unknown/cert-authority-lines-are-not-host-keys',
    file: `@cert-authority fgt-a ssh-ed25519 ${b64(KEY_A)}`,
    host: 'fgt-a',
    port: 22,
    key: KEY_A,
    verdict: { status: 'unknown' },
  },
  {
    name: 'unknown/garbage-lines-skipped',
    file: `fgt-a\nfgt-a ssh-ed25519 not*base64\n@bogus fgt-a ssh-ed25519 ${b64(KEY_A)}`,
    host: 'fgt-a',
    port: 22,
    key: KEY_A,
    verdict: { status: 'unknown' },
  },
  {
    name: 'changed/same-host-other-key',
    file: `\nfgt-a ssh-ed25519 ${b64(KEY_B)}`,
    host: 'fgt-a',
    port: 22,
    key: KEY_A,
    verdict: { status: 'changed', line: 2, keyType: 'ssh-ed25519' },
  },
  {
    name: 'changed/hashed',
    file: `${hashed('[fgt-a]:2222')} ssh-ed25519 ${b64(KEY_B)}`,
    host: 'fgt-a',
    port: 2222,
    key: KEY_A,
    verdict: { status: 'changed', line: 1, keyType: 'ssh-ed25519' },
  },
  {
    name: 'revoked/even-if-also-listed',
    file: `fgt-a ssh-ed25519 ${b64(KEY_A)}\n@revoked * ssh-ed25519 ${b64(KEY_A)}`,
    host: 'fgt-a',
    port: 22,
    key: KEY_A,
    verdict: { status: 'revoked', line: 2 },
  },
];

for (const { name, file, host, port, key, verdict } of CASES) {
  test(`known-hosts/${name}`, () => assert.deepEqual(verifyHostKey(parseKnownHosts(file), host, port, key), verdict));
}

test('host-key/fingerprint-as-ssh-keygen-prints-it', () => {
  // ssh-keygen -lf prints SHA256: and the unpadded base64 of sha256 over the key blob.
  assert.match(fingerprintOf(KEY_A), /^SHA256:[A-Za-z0-9+/]{43}$/);
  assert.equal(keyTypeOf(KEY_A), 'ssh-ed25519');
  assert.equal(keyTypeOf(Buffer.alloc(2)), 'unknown');
  assert.equal(pinnedFingerprint(fingerprintOf(KEY_A)), fingerprintOf(KEY_A));
  assert.equal(pinnedFingerprint('MD5:00:11'), undefined);
});
