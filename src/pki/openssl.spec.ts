import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { programRuns, skipUnlessInstalled } from '../../test/required-program';
import { createLab } from '../lab';
import { createCsr } from './index';

// The real openssl CLI is the referee: what it cannot parse, no proxy will accept.
const opensslSkip = skipUnlessInstalled(programRuns('openssl', ['version']), 'openssl', 'apt-get install openssl');

function run(args: string[]): { status: number; out: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

describe('openssl accepts what the engine writes', { skip: opensslSkip }, () => {
  test('certificates, CSRs and CRLs parse; verify -crl_check agrees with the engine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztna-openssl-'));
    // openssl checks validity against the real clock, so the lab starts now.
    const lab = await createLab({ clockStart: Date.now(), endpoints: [{ name: 'kept' }, { name: 'revoked' }] });
    lab.ems.revokeClientCertificate(lab.endpoint('revoked').uid);
    const root = lab.ems.site('default').ca.active.certificate;
    const file = (name: string, text: string): string => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const rootPem = file('root.pem', root.pem);
    const crlPem = file('crl.pem', lab.ems.crls('default').at(-1)!);
    const kept = file('kept.pem', lab.endpoint('kept').identity!.certificate.pem);
    const revoked = file('revoked.pem', lab.endpoint('revoked').identity!.certificate.pem);
    const csr = file(
      'csr.pem',
      createCsr({ subject: { CN: lab.endpoint('kept').uid }, key: lab.endpoint('kept').identity!.key }).pem,
    );
    const emsSsl = file('ems.pem', lab.ems.ssl.server.pem);

    for (const cert of [rootPem, kept, revoked, emsSsl])
      assert.equal(run(['x509', '-in', cert, '-noout', '-text']).status, 0, cert);
    const text = run(['x509', '-in', kept, '-noout', '-text']).out;
    assert.match(text, /TLS Web Client Authentication/);
    assert.match(text, new RegExp(`Subject: CN ?= ?${lab.endpoint('kept').uid}`));
    assert.match(run(['x509', '-in', emsSsl, '-noout', '-text']).out, /TLS Web Server Authentication/);
    const req = run(['req', '-in', csr, '-noout', '-text', '-verify']);
    assert.equal(req.status, 0, req.out);
    assert.match(req.out, /verify OK/i);
    const crl = run(['crl', '-in', crlPem, '-noout', '-text']);
    assert.equal(crl.status, 0, crl.out);
    assert.ok(
      crl.out.includes(lab.endpoint('revoked').identity!.certificate.serial),
      'the CRL lists the revoked serial',
    );
    assert.match(crl.out, /Key Compromise/);

    const verify = (cert: string) => run(['verify', '-CAfile', rootPem, '-crl_check', '-CRLfile', crlPem, cert]);
    const engine = (name: string) =>
      lab.gateway().decide({ certificate: lab.endpoint(name).identity!.certificate, host: 'h', path: '/' });
    assert.equal(verify(kept).status, 0, verify(kept).out);
    assert.equal(engine('kept').verdict, 'allow');
    assert.notEqual(verify(revoked).status, 0);
    assert.match(verify(revoked).out, /certificate revoked/);
    assert.equal(engine('revoked').reason, 'CERT_REVOKED');
    assert.match(
      execFileSync('openssl', ['x509', '-in', kept, '-noout', '-serial'], { encoding: 'utf8' }),
      new RegExp(lab.endpoint('kept').identity!.certificate.serial),
    );
  });
});
