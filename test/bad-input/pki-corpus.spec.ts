/**
 * Hostile PKI inputs. The committed files (test/bad-input/pki, made by make-corpus.ts, no private
 * key among them) go to parseCertificate / parseCsr and the CSRs on to EMS: each gives one
 * HarnessError (BAD_INPUT, or CSR_REJECTED naming the signing-policy rule) or a sound result.
 * Certificates that must chain to a lab's root are signed at test time by that root and
 * presented to the gateway: each is denied with CERT_INVALID and the right detail.
 */
import assert from 'node:assert/strict';
import { sign } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { HarnessError } from '../../src/errors';
import { createLab, Lab } from '../../src/lab';
import { Asn1, bitString, explicit, fromDer, nullValue, octetString, oid, OID, sequence, set, smallInteger, time, toDer, unsignedInteger, utf8 } from '../../src/pki/asn1';
import { encodeExtensions } from '../../src/pki/extensions';
import { KeyPair, parseCertificate, parseCsr } from '../../src/pki';
import { CSR_UID } from './pki/make-corpus';

const DIR = join(__dirname, 'pki');
const BOUND_MS = 2_000;
const REFUSED = 'the default ZTNA CA refused the CSR of 9A016B5A6E914B42AD4168C066EB04CA: ';

type Expectation = { code: 'BAD_INPUT' | 'CSR_REJECTED'; message: RegExp } | 'parses' | 'issued-client-cert';

/** Every committed file and what it must give. */
const FILES: Record<string, Expectation> = {
  'cert-good.pem': 'parses',
  'cert-truncated.der': { code: 'BAD_INPUT', message: /^not a valid X\.509 certificate \(its DER encoding ends early \(truncated\?\)\)$/ },
  'cert-truncated-body.pem': { code: 'BAD_INPUT', message: /^the PEM "CERTIFICATE" block for the certificate is not valid base64$/ },
  'cert-cut-in-base64.pem': { code: 'BAD_INPUT', message: /^not a valid X\.509 certificate \(its DER encoding ends early/ },
  'cert-no-end-line.pem': { code: 'BAD_INPUT', message: /^the PEM "CERTIFICATE" block for the certificate has no END line \(truncated\?\)$/ },
  'cert-garbage-base64.pem': { code: 'BAD_INPUT', message: /^the PEM "CERTIFICATE" block for the certificate is not valid base64$/ },
  'cert-two-certificates.pem': { code: 'BAD_INPUT', message: /^expected one PEM "CERTIFICATE" block for the certificate, found 2$/ },
  'cert-is-a-csr.pem': { code: 'BAD_INPUT', message: /^expected a PEM "CERTIFICATE" block for the certificate, found "CERTIFICATE REQUEST"$/ },
  'cert-is-a-public-key.pem': { code: 'BAD_INPUT', message: /^expected a PEM "CERTIFICATE" block for the certificate, found "PUBLIC KEY"$/ },
  'cert-empty-block.pem': { code: 'BAD_INPUT', message: /^the PEM "CERTIFICATE" block for the certificate is empty$/ },
  'cert-trailing-bytes.der': { code: 'BAD_INPUT', message: /^not a valid X\.509 certificate \(bytes follow the end of its DER encoding\)$/ },
  'cert-random-bytes.der': { code: 'BAD_INPUT', message: /^not a valid X\.509 certificate \(its DER encoding has an impossible length/ },
  'cert-zero-length-serial.der': { code: 'BAD_INPUT', message: /^not a valid X\.509 certificate \(its serial number is empty: 0 bytes\)$/ },
  'cert-unreadable-validity.der': { code: 'BAD_INPUT', message: /^the certificate's validity period cannot be read/ },
  'cert-utf16.pem': { code: 'BAD_INPUT', message: /^the certificate is UTF-16 text; PEM must be ASCII$/ },
  'csr-bad-signature.pem': { code: 'CSR_REJECTED', message: /^csrSignatureValid: the CSR signature does not verify with the key it carries$/ },
  'csr-cn-not-the-uid.pem': { code: 'CSR_REJECTED', message: /^uidMatchesSubject: the CSR subject CN "laptop-1\.example\.com" is not the registering UID/ },
  'csr-no-subject.pem': { code: 'CSR_REJECTED', message: /^uidMatchesSubject: the CSR subject CN "" is not the registering UID/ },
  'csr-1024-bit-key.pem': { code: 'CSR_REJECTED', message: /^keyStrength: the CSR key has 1024 bits; at least 2048 are required$/ },
  'csr-server-auth-eku.pem': { code: 'CSR_REJECTED', message: /^clientAuthOnly: the CSR asks for key usages other than clientAuth \(1\.3\.6\.1\.5\.5\.7\.3\.1\)$/ },
  'csr-any-eku.pem': { code: 'CSR_REJECTED', message: /^clientAuthOnly: the CSR asks for key usages other than clientAuth \(2\.5\.29\.37\.0\)$/ },
  'csr-ec-key.pem': { code: 'CSR_REJECTED', message: /^csrSignatureValid: the CSR is signed with ecdsa-with-SHA256; only sha256WithRSAEncryption is accepted$/ },
  'csr-sha1-signature.pem': { code: 'CSR_REJECTED', message: /^csrSignatureValid: the CSR is signed with sha1WithRSAEncryption; only sha256WithRSAEncryption is accepted$/ },
  // EMS decides a certificate's profile itself: a CSR asking to be a CA gets a client certificate.
  'csr-requests-ca.pem': 'issued-client-cert',
  'csr-truncated.der': { code: 'BAD_INPUT', message: /^not a valid PKCS#10 certificate signing request \(its DER encoding ends early \(truncated\?\)\)$/ },
  'csr-trailing-bytes.der': { code: 'BAD_INPUT', message: /^not a valid PKCS#10 certificate signing request \(bytes follow the end of its DER encoding\)$/ },
  'csr-two-requests.pem': { code: 'BAD_INPUT', message: /^expected one PEM "CERTIFICATE REQUEST" block for the certificate signing request, found 2$/ },
  'csr-is-a-certificate.pem': { code: 'BAD_INPUT', message: /^expected a PEM "CERTIFICATE REQUEST" block for the certificate signing request, found "CERTIFICATE"$/ },
};

/** A DER SEQUENCE of already-encoded parts. */
function derSequence(...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const length = body.length < 0x80 ? Buffer.from([body.length]) : Buffer.from([0x82, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([Buffer.from([0x30]), length, body]);
}

const isHarnessError = (error: unknown, code: string, message: RegExp) => error instanceof HarnessError && error.code === code && message.test(error.message);

describe('hostile PKI files', () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab({ seed: 'pki-corpus' });
  });

  test('every file of the corpus has an expectation, and there are at least 25', () => {
    const files = readdirSync(DIR).filter((f) => !f.endsWith('.ts')).sort();
    assert.deepEqual(files, Object.keys(FILES).sort());
    assert.ok(files.length >= 25);
    for (const file of files) assert.doesNotMatch(readFileSync(join(DIR, file), 'latin1'), /PRIVATE KEY/, `${file} holds no private key`);
  });

  for (const [file, expected] of Object.entries(FILES)) {
    test(`pki/${file}`, () => {
      const bytes = readFileSync(join(DIR, file));
      // As bytes from a file, and (for PEM) as text: both readings must agree.
      const inputs: (Buffer | string)[] = file.endsWith('.pem') && !file.includes('utf16') ? [bytes, bytes.toString('latin1')] : [bytes];
      for (const input of inputs) {
        const started = performance.now();
        const outcome = (): unknown => {
          if (file.startsWith('cert-')) return parseCertificate(input);
          const csr = parseCsr(input);
          return lab.ems.register({ uid: CSR_UID, site: 'default', csr, hostName: 'h', os: 'Windows', ip: '10.0.0.9', mac: '02:00:00:00:00:09' });
        };
        if (expected === 'parses') assert.equal(parseCertificate(input).subjectCN, CSR_UID);
        else if (expected === 'issued-client-cert') {
          const issued = outcome() as ReturnType<typeof parseCertificate>;
          assert.equal(issued.isCA, false);
          assert.deepEqual(issued.extKeyUsage, [OID.clientAuth]);
        } else {
          const message = expected.code === 'CSR_REJECTED' ? new RegExp(`^${REFUSED.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${expected.message.source.slice(1)}`) : expected.message;
          assert.throws(outcome, (error: unknown) => isHarnessError(error, expected.code, message) || assert.fail(`${(error as Error).name} ${(error as { code?: string }).code}: ${(error as Error).message}`));
        }
        assert.ok(performance.now() - started < BOUND_MS, 'bounded time');
      }
    });
  }
});

/** Fields of a certificate built at test time and signed by the lab's active default root (or `signWith`). */
interface Forged {
  /** The serial INTEGER's content octets exactly as given (forge would re-encode an INTEGER minimally). */
  serial?: string;
  subject?: Asn1;
  notBefore?: number;
  notAfter?: number;
  extensions?: 'client' | 'ca' | 'none' | string[];
  algorithm?: [string, string];
  signWith?: KeyPair;
}

describe('hostile certificates signed by a trusted root', () => {
  let lab: Lab;
  let key: KeyPair;
  let rogue: KeyPair;
  let uid: string;
  before(async () => {
    lab = await createLab({ seed: 'pki-gateway', endpoints: [{ name: 'laptop-1' }] });
    [key, rogue] = [await lab.keys.take(), await lab.keys.take()];
    uid = lab.endpoint('laptop-1').uid;
  });

  const cn = (value: string): Asn1 => set(sequence(oid(OID.commonName), utf8(value)));
  function forge_(f: Forged): Buffer {
    const root = lab.ems.site('default').ca.active;
    const now = lab.clock.now();
    const [algorithmOid, hash] = f.algorithm ?? [OID.sha256WithRSA, 'sha256'];
    const algorithm = () => sequence(oid(algorithmOid), nullValue());
    const extensions = f.extensions === 'none' ? [] : [encodeExtensions({ profile: f.extensions === 'ca' ? 'ca' : 'client', subjectSpki: key.spki, issuerSpki: root.key.spki, ...(Array.isArray(f.extensions) ? { extKeyUsage: f.extensions } : {}) })];
    const tbs = toDer(
      sequence(
        ...(f.extensions === 'none' ? [] : [explicit(0, smallInteger(2))]),
        f.serial === undefined ? unsignedInteger(Buffer.from('1A2B3C4D5E6F708192A3B4C5D6E7F80910111213', 'hex')) : octetString(Buffer.from(f.serial, 'binary')),
        algorithm(),
        fromDer(root.certificate.subjectNameDer),
        sequence(time(new Date(f.notBefore ?? now - 3_600_000)), time(new Date(f.notAfter ?? now + 86_400_000))),
        f.subject ?? sequence(cn(uid)),
        fromDer(key.spki),
        ...extensions,
      ),
    );
    if (f.serial !== undefined) {
      // The OCTET STRING stands in for the serial: turn its tag into INTEGER's (after the SEQUENCE header and version).
      const at = (tbs[1]! & 0x80 ? 2 + (tbs[1]! & 0x7f) : 2) + (f.extensions === 'none' ? 0 : 5);
      assert.equal(tbs[at], 0x04);
      tbs[at] = 0x02;
    }
    // Concatenated as bytes: re-encoding the TBS with forge would normalise the serial it carries.
    return derSequence(tbs, toDer(algorithm()), toDer(bitString(sign(hash, tbs, (f.signWith ?? root.key).privateKey))));
  }
  const rawSerial = (content: string): string => content;
  const DAY = 86_400_000;

  const CASES: [string, () => Forged, string][] = [
    ['expired', () => ({ notBefore: lab.clock.now() - 30 * DAY, notAfter: lab.clock.now() - DAY }), 'expired'],
    ['not-yet-valid', () => ({ notBefore: lab.clock.now() + DAY, notAfter: lab.clock.now() + 30 * DAY }), 'not-yet-valid'],
    ['server-auth-eku', () => ({ extensions: [OID.serverAuth] }), 'not-client-auth'],
    ['any-eku-only', () => ({ extensions: ['2.5.29.37.0'] }), 'not-client-auth'],
    ['v1-without-extensions', () => ({ extensions: 'none' }), 'not-client-auth'],
    ['ca-flag-set', () => ({ extensions: 'ca' }), 'ca-certificate'],
    ['negative-serial', () => ({ serial: rawSerial('\xff\x01') }), 'bad-serial'],
    ['zero-serial', () => ({ serial: rawSerial('\x00') }), 'bad-serial'],
    ['serial-21-octets', () => ({ serial: rawSerial(`\x7f${'\x11'.repeat(20)}`) }), 'bad-serial'],
    ['md5-signature', () => ({ algorithm: ['1.2.840.113549.1.1.4', 'md5'] }), 'weak-signature'],
    ['sha1-signature', () => ({ algorithm: ['1.2.840.113549.1.1.5', 'sha1'] }), 'weak-signature'],
    ['two-common-names', () => ({ subject: sequence(cn('F'.repeat(32)), cn(uid)) }), 'subject-not-a-uid'],
    ['two-common-names-uid-first', () => ({ subject: sequence(cn(uid), cn('F'.repeat(32))) }), 'subject-not-a-uid'],
    ['multi-valued-rdn', () => ({ subject: sequence(set(sequence(oid(OID.commonName), utf8('F'.repeat(32))), sequence(oid(OID.commonName), utf8(uid)))) }), 'subject-not-a-uid'],
    ['newline-in-common-name', () => ({ subject: sequence(cn(`x\nCN=${uid}`)) }), 'subject-not-a-uid'],
    ['no-common-name', () => ({ subject: sequence(set(sequence(oid(OID.organization), utf8(uid)))) }), 'subject-not-a-uid'],
    ['root-name-rogue-key', () => ({ signWith: rogue }), 'bad-signature'],
    ['sha512-never-issued', () => ({ algorithm: [OID.sha256WithRSA.replace(/11$/, '13'), 'sha512'] }), 'sn-mismatch'],
  ];

  for (const [name, build, detail] of CASES) {
    test(`gateway/deny/${name}`, () => {
      const certificate = parseCertificate(forge_(build()));
      const started = performance.now();
      const decision = lab.gateway().decide({ certificate, host: 'intranet.example.com', path: '/' });
      assert.ok(performance.now() - started < BOUND_MS);
      assert.deepEqual([decision.verdict, decision.reason, decision.detail], ['deny', 'CERT_INVALID', detail]);
    });
  }

  test('parse/serial-not-minimally-encoded: OpenSSL would refuse it too; the message says why', () => {
    assert.throws(() => parseCertificate(forge_({ serial: rawSerial('\x00\x01\x02') })), (error: unknown) => isHarnessError(error, 'BAD_INPUT', /^not a valid X\.509 certificate \(its serial number is not minimally DER-encoded\)$/));
  });

  test('gateway/control: the same builder with nothing wrong reaches the record check', () => {
    const certificate = parseCertificate(forge_({}));
    assert.equal(lab.gateway().decide({ certificate, host: 'h', path: '/' }).detail, 'sn-mismatch');
  });
});
