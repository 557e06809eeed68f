import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { programRuns, skipUnlessInstalled } from '../../test/required-program';
import { createLab } from '../lab';
import { exportLab } from './export-lab';

test('export writes what a real proxy needs, keys 0600, records as synced', async () => {
  const lab = await createLab({
    clockStart: Date.now(),
    endpoints: [{ name: 'laptop-1', tags: ['Domain-Users'] }, { name: 'laptop-2' }],
    links: [{ gateway: 'fgt-1', syncDelayMs: 60_000 }],
  });
  lab.ems.revokeClientCertificate(lab.endpoint('laptop-2').uid);
  const dir = mkdtempSync(join(tmpdir(), 'ztna-export-'));
  await exportLab(lab, dir, { port: 18443 });
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  for (const key of ['identities/laptop-1.key', 'identities/laptop-2.key', 'server.key', 'server.pem'])
    assert.equal(statSync(join(dir, key)).mode & 0o777, 0o600, key);
  assert.equal(statSync(join(dir, 'identities/laptop-1.crt')).mode & 0o777, 0o644);
  const uid = (n: string) => lab.endpoint(n).uid;
  const sn = (n: string) => lab.endpoint(n).identity!.certificate.serial;
  assert.equal(read('records.map'), `${uid('laptop-1')} ${sn('laptop-1')}\n${uid('laptop-2')} ${sn('laptop-2')}\n`);
  assert.ok(read('records.conf').includes(`"${uid('laptop-1')}" "${sn('laptop-1')}:online:,Domain-Users,";`));
  assert.equal((read('ca-bundle.pem').match(/BEGIN CERTIFICATE/g) ?? []).length, 1);
  const crl = spawnSync('openssl', ['crl', '-in', join(dir, 'crl.pem'), '-noout', '-text'], { encoding: 'utf8' });
  assert.equal(crl.status, 0, `openssl reads the exported crl.pem: ${crl.stderr}`);
  assert.ok(!crl.stdout.includes(sn('laptop-2')), 'the revocation has not synced yet, so the CRL does not list it');
  lab.clock.advance(60_000);
  await exportLab(lab, dir, { port: 18443 });
  const synced = spawnSync('openssl', ['crl', '-in', join(dir, 'crl.pem'), '-noout', '-text'], { encoding: 'utf8' });
  assert.equal(synced.status, 0, `openssl reads the re-exported crl.pem: ${synced.stderr}`);
  assert.ok(synced.stdout.includes(sn('laptop-2')), 'once synced, the CRL lists it');
  assert.match(read('README.md'), /nginx -p/);
  assert.ok(!/PRIVATE KEY/.test(read('README.md') + read('nginx.conf') + read('haproxy.cfg')));
});

for (const proxy of [
  {
    program: 'nginx',
    install: 'apt-get install nginx-light',
    check: (dir: string) => ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')],
  },
  {
    program: 'haproxy',
    install: 'apt-get install haproxy',
    check: (dir: string) => ['-c', '-f', join(dir, 'haproxy.cfg')],
  },
]) {
  test(`export/${proxy.program}: the generated configuration passes ${proxy.program}'s own check`, {
    skip: skipUnlessInstalled(programRuns(proxy.program), proxy.program, proxy.install),
  }, async () => {
    const lab = await createLab({
      clockStart: Date.now(),
      endpoints: [{ name: 'laptop-1', tags: ['Domain-Users'] }],
      gateways: [
        {
          name: 'fgt',
          settings: { emptyCertAction: 'accept-unmanageable' },
          rules: [
            { name: 'hr', host: 'hr.example.com', tags: ['HR', 'Domain-Users'], tagsMatch: 'and', action: 'accept' },
            { name: 'all', action: 'deny' },
          ],
        },
      ],
    });
    const dir = mkdtempSync(join(tmpdir(), 'ztna-export-'));
    await exportLab(lab, dir, { port: 18443 });
    const r = spawnSync(proxy.program, proxy.check(dir), { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
}

test('export/users: basic credentials only in 0600 files, only with a password, never in the configs', async () => {
  const lab = await createLab({
    clockStart: Date.now(),
    endpoints: [],
    gateways: [
      {
        name: 'fgt',
        rules: [{ name: 'staff', groups: ['HR'], action: 'accept' }],
        users: [{ name: 'alice', groups: ['HR'] }],
      },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'ztna-export-'));
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  await exportLab(lab, dir, { port: 18443 });
  assert.equal(read('users.conf'), '', 'no password: nobody authenticates');
  assert.equal(read('haproxy-users.map'), '');
  const password = 'p4ss-w0rd-of-the-run';
  await exportLab(lab, dir, { port: 18443, userPassword: password });
  const token = Buffer.from(`alice:${password}`).toString('base64');
  for (const file of ['users.conf', 'haproxy-users.map']) {
    assert.equal(statSync(join(dir, file)).mode & 0o777, 0o600, file);
    assert.ok(read(file).includes(token.replace(/[+/]/g, (c) => (file === 'users.conf' ? `\\\\${c}` : c))), file);
  }
  assert.equal(read('haproxy-groups.map'), ';alice; ;HR;\n');
  for (const file of ['nginx.conf', 'haproxy.cfg', 'README.md']) {
    assert.ok(!read(file).includes(password) && !read(file).includes(token), `${file} holds no credentials`);
  }
  lab.close();
});
