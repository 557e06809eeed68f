import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { captureIo } from '../../test/fixtures/report/capture-io';
import { sampleModel } from '../../test/fixtures/report/sample-model';
import { reportCommand } from '../cli/report-command';
import { preAuthEncoding } from './dsse';
import { EVIDENCE_BUNDLE, IN_TOTO_PAYLOAD_TYPE, PREDICATE_TYPE, STATEMENT_TYPE } from './evidence-bundle';
import { REPORT_FILES, renderReports, writeReports } from './report-files';

const NOW = new Date('2026-03-01T12:00:00Z');
const KEYS = {
  ed25519: generateKeyPairSync('ed25519'),
  p256: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
};

/** A reports directory of the sample run, and PEM files of a key pair beside it. */
function setup(keys: { privateKey: KeyObject; publicKey: KeyObject }) {
  const root = mkdtempSync(join(tmpdir(), 'ztna-sign-'));
  writeReports(sampleModel(), join(root, 'reports'));
  writeFileSync(join(root, 'key.pem'), keys.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(join(root, 'pub.pem'), keys.publicKey.export({ type: 'spki', format: 'pem' }));
  return { root };
}

async function run(root: string, ...argv: string[]) {
  const io = captureIo(root, NOW);
  const code = await reportCommand(argv, io);
  return { code, out: io.out(), err: io.err() };
}

test("dsse/pae: the specification's example", () => {
  assert.equal(
    preAuthEncoding('http://example.com/HelloWorld', Buffer.from('hello world')).toString(),
    'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
  );
  assert.equal(preAuthEncoding('t', Buffer.from('é')).toString(), 'DSSEv1 1 t 2 é', 'lengths in bytes, not characters');
});

for (const [kind, keys] of Object.entries(KEYS)) {
  test(`sign/${kind}: an in-toto statement over every report file; verify exits 0`, async () => {
    const { root } = setup(keys);
    const signed = await run(root, 'sign', 'reports', '--key', 'key.pem');
    assert.equal(signed.code, 0, signed.err);
    const envelope = JSON.parse(readFileSync(join(root, 'reports', EVIDENCE_BUNDLE), 'utf8'));
    assert.equal(envelope.payloadType, IN_TOTO_PAYLOAD_TYPE);
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString());
    assert.equal(statement._type, STATEMENT_TYPE);
    assert.equal(statement.predicateType, PREDICATE_TYPE);
    assert.deepEqual(
      statement.subject.map((s: { name: string }) => s.name),
      [...renderReports(sampleModel()).keys()].sort(),
    );
    assert.equal(statement.predicate.commit, sampleModel().run.gitCommit);
    assert.deepEqual(statement.predicate.summary, sampleModel().summary);
    const verified = await run(root, 'verify', 'reports', '--pub', 'pub.pem');
    assert.equal(verified.code, 0, verified.out + verified.err);
    assert.ok(!signed.out.includes('PRIVATE KEY') && !signed.err.includes('PRIVATE KEY'));
  });
}

test('sign: a key file others can read is used, with a warning to chmod 600 it', async () => {
  const { root } = setup(KEYS.ed25519);
  const { chmodSync } = await import('node:fs');
  assert.equal((await run(root, 'sign', 'reports', '--key', 'key.pem')).err, '', 'no warning for a 0600 key');
  chmodSync(join(root, 'key.pem'), 0o644);
  const signed = await run(root, 'sign', 'reports', '--key', 'key.pem');
  assert.equal(signed.code, 0);
  assert.match(signed.err, /warning: .*key\.pem is readable by others \(mode 0644\); chmod 600 it/);
});

test('sign: the key can come from ZTNA_HARNESS_SIGNING_KEY', async () => {
  const { root } = setup(KEYS.ed25519);
  process.env.ZTNA_HARNESS_SIGNING_KEY = readFileSync(join(root, 'key.pem'), 'utf8');
  try {
    assert.equal((await run(root, 'sign', 'reports')).code, 0);
  } finally {
    delete process.env.ZTNA_HARNESS_SIGNING_KEY;
  }
  assert.equal((await run(root, 'verify', 'reports', '--pub', 'pub.pem')).code, 0);
});

for (const file of Object.values(REPORT_FILES)) {
  test(`verify/changed-byte/${file}: exits 1 naming the file`, async () => {
    const { root } = setup(KEYS.ed25519);
    await run(root, 'sign', 'reports', '--key', 'key.pem');
    const path = join(root, 'reports', file);
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    writeFileSync(path, bytes);
    const verified = await run(root, 'verify', 'reports', '--pub', 'pub.pem');
    assert.equal(verified.code, 1);
    assert.equal(verified.out, `FAIL ${file}: changed since it was signed\n`);
  });
}

test('verify/added-file and missing-file: exit 1 naming them', async () => {
  const { root } = setup(KEYS.p256);
  await run(root, 'sign', 'reports', '--key', 'key.pem');
  writeFileSync(join(root, 'reports', 'extra.txt'), 'x');
  const { rmSync } = await import('node:fs');
  rmSync(join(root, 'reports', REPORT_FILES.junit));
  const verified = await run(root, 'verify', 'reports', '--pub', 'pub.pem');
  assert.equal(verified.code, 1);
  assert.match(verified.out, /FAIL junit\.xml: signed but missing/);
  assert.match(verified.out, /FAIL extra\.txt: not covered by the signature/);
});

test('verify/wrong-key: exits 1, the signature is named', async () => {
  const { root } = setup(KEYS.ed25519);
  await run(root, 'sign', 'reports', '--key', 'key.pem');
  writeFileSync(
    join(root, 'other.pem'),
    generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }),
  );
  const verified = await run(root, 'verify', 'reports', '--pub', 'other.pem');
  assert.equal(verified.code, 1);
  assert.equal(verified.out, `FAIL ${EVIDENCE_BUNDLE}: the signature does not verify with this public key\n`);
});

test('verify/edited-statement: a re-encoded payload fails the signature', async () => {
  const { root } = setup(KEYS.p256);
  await run(root, 'sign', 'reports', '--key', 'key.pem');
  const path = join(root, 'reports', EVIDENCE_BUNDLE);
  const envelope = JSON.parse(readFileSync(path, 'utf8'));
  const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString());
  statement.predicate.summary.outcome = 'passed';
  envelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
  writeFileSync(path, JSON.stringify(envelope));
  assert.equal((await run(root, 'verify', 'reports', '--pub', 'pub.pem')).code, 1);
});

const BAD_INPUT: readonly (readonly [string, (root: string) => string[]])[] = [
  ['sign/no-key', () => ['sign', 'reports']],
  ['sign/missing-key-file', () => ['sign', 'reports', '--key', 'nope.pem']],
  ['sign/public-key-as-key', () => ['sign', 'reports', '--key', 'pub.pem']],
  [
    'sign/rsa-key',
    (root) => {
      writeFileSync(
        join(root, 'rsa.pem'),
        generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
      );
      return ['sign', 'reports', '--key', 'rsa.pem'];
    },
  ],
  [
    'sign/no-reports',
    (root) => {
      mkdirSync(join(root, 'empty'));
      return ['sign', 'empty', '--key', 'key.pem'];
    },
  ],
  ['verify/no-pub', () => ['verify', 'reports']],
  ['verify/unsigned', () => ['verify', 'reports', '--pub', 'pub.pem']],
  [
    'verify/not-json',
    (root) => {
      writeFileSync(join(root, 'reports', EVIDENCE_BUNDLE), '{');
      return ['verify', 'reports', '--pub', 'pub.pem'];
    },
  ],
  [
    'verify/not-an-envelope',
    (root) => {
      writeFileSync(join(root, 'reports', EVIDENCE_BUNDLE), '{"payload":1}');
      return ['verify', 'reports', '--pub', 'pub.pem'];
    },
  ],
  [
    'verify/subject-outside',
    (root) => {
      const payload = Buffer.from(
        JSON.stringify({
          _type: STATEMENT_TYPE,
          subject: [{ name: '../key.pem', digest: { sha256: 'a'.repeat(64) } }],
        }),
      ).toString('base64');
      writeFileSync(
        join(root, 'reports', EVIDENCE_BUNDLE),
        JSON.stringify({ payload, payloadType: IN_TOTO_PAYLOAD_TYPE, signatures: [{ keyid: '', sig: 'AA==' }] }),
      );
      return ['verify', 'reports', '--pub', 'pub.pem'];
    },
  ],
  ['verify/not-a-directory', () => ['verify', 'key.pem', '--pub', 'pub.pem']],
  [
    'verify/rsa-public-key',
    (root) => {
      writeFileSync(
        join(root, 'rsa.pub'),
        generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }),
      );
      return ['verify', 'reports', '--pub', 'rsa.pub'];
    },
  ],
  ['verify/missing-pub-file', () => ['verify', 'reports', '--pub', 'missing.pem']],
];

for (const [name, argv] of BAD_INPUT) {
  test(`bad-input/${name}: exit 2, one line, no key material`, async () => {
    const { root } = setup(KEYS.ed25519);
    const result = await run(root, ...argv(root));
    assert.equal(result.code, 2, result.out + result.err);
    assert.match(result.err, /^ztna-harness: [^\n]+\n$/);
    assert.doesNotMatch(result.err, /PRIVATE KEY|BEGIN|at .*\.ts:/);
  });
}
