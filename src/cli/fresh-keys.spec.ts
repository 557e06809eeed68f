/**
 * Keys that leave the process are the process's alone: `export` and `serve --export` write keys
 * generated for that lab only — never read from the key cache, never added to it, never shared
 * with another export — so an identity of one export is never trusted by another's proxy.
 */

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { programRuns, skipUnlessInstalled } from '../../test/required-program';
import { defaultKeyCacheDir, pemBlocks } from '../pki';
import { freePort } from '../target/free-port';
import { exportCommand } from './export-command';

const ROOT = join(__dirname, '..', '..');
const scenario = (name: string) => join(ROOT, 'scenarios', `${name}.yaml`);
const folders: string[] = [];
/** A temporary folder (they hold private keys), removed when the file's tests end. */
const tempFolder = (prefix: string): string => {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
};
after(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** SHA-256 of the SPKI of every private key and certificate an export folder holds, by file. */
function publicKeysOf(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const files = [
    ...readdirSync(dir).map((f) => join(dir, f)),
    ...readdirSync(join(dir, 'identities')).map((f) => join(dir, 'identities', f)),
  ];
  for (const file of files.filter((f) => /\.(key|crt|pem)$/.test(f))) {
    for (const block of pemBlocks(readFileSync(file, 'latin1'))) {
      if (block.label === 'X509 CRL') continue;
      const spki: KeyObject =
        block.label === 'CERTIFICATE'
          ? new X509Certificate(block.der).publicKey
          : createPublicKey(createPrivateKey({ key: block.der, format: 'der', type: 'pkcs8' }));
      found.set(
        createHash('sha256')
          .update(spki.export({ type: 'spki', format: 'der' }))
          .digest('hex'),
        file,
      );
    }
  }
  return found;
}

/** Whether a key (by SPKI hash) sits in the key cache: the cache names files after it. */
function inCache(spkiHash: string): boolean {
  const dir = defaultKeyCacheDir();
  return dir !== false && existsSync(join(dir, 'rsa-2048', `${spkiHash.slice(0, 32)}.pem`));
}

/** The export of a scenario by `ztna-harness export` in a process of its own, as a user runs it. */
function exportInChild(name: string): string {
  const out = tempFolder(`ztna-export-${name}-`);
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'ztna-harness.js'), 'export', '--scenario', scenario(name), '--out', out],
    { encoding: 'utf8', timeout: 90_000 },
  );
  assert.equal(run.status, 0, run.stderr);
  return out;
}

async function exportTo(name: string): Promise<string> {
  const out = tempFolder(`ztna-export-${name}-`);
  assert.equal(await exportCommand(['--scenario', scenario(name), '--out', out]), 0);
  return out;
}

test('two exports share no key, and no exported key comes from or goes into the key cache', {
  timeout: 120_000,
}, async () => {
  const [first, second] = [publicKeysOf(await exportTo('single-site')), publicKeysOf(await exportTo('single-site'))];
  assert.ok(first.size >= 5, `the export holds keys and certificates (${first.size})`);
  for (const [key, file] of first)
    assert.ok(!second.has(key), `${file} has the key of ${second.get(key)} of another export`);
  for (const [key, file] of [...first, ...second]) assert.ok(!inCache(key), `${file} holds a key of the key cache`);
});

test("a certificate of one export never chains to another export's roots (corp-laptop on a single-site proxy)", {
  timeout: 120_000,
}, async (t) => {
  const missing = skipUnlessInstalled(programRuns('openssl', ['version']), 'openssl', 'apt-get install openssl');
  if (missing) return t.skip(missing);
  // Two processes, as two users' exports are: each once drew the same cached keys in the same order.
  const [multi, single] = [exportInChild('multi-tenant'), exportInChild('single-site')];
  const verify = (caDir: string) =>
    spawnSync(
      'openssl',
      [
        'verify',
        '-purpose',
        'sslclient',
        '-CAfile',
        join(caDir, 'ca-bundle.pem'),
        join(multi, 'identities', 'corp-laptop.crt'),
      ],
      { encoding: 'utf8' },
    );
  assert.equal(verify(multi).status, 0, 'it chains to its own lab’s root');
  const foreign = verify(single);
  assert.notEqual(foreign.status, 0, 'it must not chain to the single-site lab’s root');
  assert.match(foreign.stdout + foreign.stderr, /unable to get local issuer|signature failure/);
});

test("serve --export writes keys of its own: none of an earlier export's, none of the cache's", {
  timeout: 120_000,
}, async () => {
  const earlier = publicKeysOf(await exportTo('single-site'));
  const out = tempFolder('ztna-serve-');
  const [port, adminPort] = [await freePort(), await freePort()];
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'ztna-harness.js'),
      'serve',
      '--scenario',
      scenario('single-site'),
      '--port',
      String(port),
      '--admin-port',
      String(adminPort),
      '--export',
      out,
    ],
    {
      env: { ...process.env, ZTNA_HARNESS_ADMIN_TOKEN: 'a-long-enough-token-for-the-admin-api' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 90_000);
      child.stdout.on('data', (d) => {
        output += d;
        if (output.includes('identities and server-ca.pem')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr.on('data', (d) => {
        output += d;
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with ${code}: ${output}`));
      });
    });
    const served = publicKeysOf(out);
    assert.ok(served.size >= 3);
    for (const [key, file] of served) {
      assert.ok(!earlier.has(key), `${file} has the key of ${earlier.get(key)} of an earlier export`);
      assert.ok(!inCache(key), `${file} holds a key of the key cache`);
    }
  } finally {
    child.kill('SIGTERM');
  }
});
