/**
 * Writes the committed PKI part of the hostile-input corpus (certificates, CSRs, PEM and DER
 * damage). Every key is generated here and thrown away: no private key is ever written. Run it
 * again only to change the corpus:  node --require ts-node/register test/bad-input/pki/make-corpus.ts
 * (Certificates that must chain to a lab's root are built at test time instead, in
 * test/bad-input/pki-corpus.spec.ts.)
 */
import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { Asn1, bitString, explicit, fromDer, nullValue, octetString, oid, OID, sequence, set, smallInteger, time, toDer, unsignedInteger } from '../../../src/pki/asn1';
import { encodeExtensions } from '../../../src/pki/extensions';
import { encodeName } from '../../../src/pki/name';
import { toPem } from '../../../src/pki/pem';

export const CSR_UID = '9A016B5A6E914B42AD4168C066EB04CA';
const DIR = __dirname;
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

const rsa = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits }).privateKey;
const spkiOf = (key: KeyObject): Buffer => (key.type === 'private' ? forPublic(key) : key).export({ type: 'spki', format: 'der' });
const forPublic = (key: KeyObject): KeyObject => require('node:crypto').createPublicKey(key);
const algorithm = (id: string, params = true): Asn1 => (params ? sequence(oid(id), nullValue()) : sequence(oid(id)));
const SHA256_RSA = OID.sha256WithRSA;
const ECDSA_SHA256 = '1.2.840.10045.4.3.2';

/** A CSR with whatever it is told: subject, key, requested EKUs and CA flag, signing key and algorithm. */
function csr(options: { cn?: string; key: KeyObject; signWith?: KeyObject; eku?: string[]; requestCa?: boolean; hash?: string; algorithmOid?: string }): Buffer {
  const extensions: Asn1[] = [sequence(oid(OID.extKeyUsage), octetString(toDer(sequence(...(options.eku ?? [OID.clientAuth]).map(oid)))))];
  if (options.requestCa) extensions.push(sequence(oid(OID.basicConstraints), forge.asn1.create(0, 1, false, '\xff'), octetString(toDer(sequence(forge.asn1.create(0, 1, false, '\xff'))))));
  const attributes = forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, 0, true, [sequence(oid(OID.extensionRequest), set(sequence(...extensions)))]);
  const info = toDer(sequence(smallInteger(0), encodeName(options.cn === undefined ? ({} as { CN: string }) : { CN: options.cn }), fromDer(spkiOf(options.key)), attributes));
  const signer = options.signWith ?? options.key;
  const isEc = signer.asymmetricKeyType === 'ec';
  const algorithmOid = options.algorithmOid ?? (isEc ? ECDSA_SHA256 : SHA256_RSA);
  const signature = sign(options.hash ?? 'sha256', info, signer);
  return toDer(sequence(fromDer(info), algorithm(algorithmOid, !isEc), bitString(signature)));
}

/** A certificate from a throwaway CA: `tweak` may change the serial's encoding or the validity. */
function certificate(options: { ca: KeyObject; cn: string; serialContent?: string; notAfter?: Asn1 } = { ca: rsa(2048), cn: CSR_UID }): Buffer {
  const subjectKey = rsa(2048);
  const serial = options.serialContent === undefined ? unsignedInteger(Buffer.from('0102030405060708090A0B0C0D0E0F1011121314', 'hex')) : forge.asn1.create(0, 2, false, options.serialContent);
  const issuerName = toDer(encodeName({ CN: 'hostile corpus CA', O: 'ztna-harness tests' }));
  const tbs = toDer(
    sequence(
      explicit(0, smallInteger(2)),
      serial,
      algorithm(SHA256_RSA),
      fromDer(issuerName),
      sequence(time(new Date(START - DAY)), options.notAfter ?? time(new Date(START + 365 * DAY))),
      encodeName({ CN: options.cn }),
      fromDer(spkiOf(subjectKey)),
      encodeExtensions({ profile: 'client', subjectSpki: spkiOf(subjectKey), issuerSpki: spkiOf(options.ca) }),
    ),
  );
  return toDer(sequence(fromDer(tbs), algorithm(SHA256_RSA), bitString(sign('sha256', tbs, options.ca))));
}

function main(): void {
  const ca = rsa(2048);
  const good = certificate({ ca, cn: CSR_UID });
  const other = certificate({ ca, cn: 'F'.repeat(32) });
  const goodPem = toPem('CERTIFICATE', good);
  const body = goodPem.split('\n').slice(1, -2).join('\n');
  const key = rsa(2048);
  const files: Record<string, string | Buffer> = {
    // Certificates: damaged encodings, wrong types, wrong counts.
    'cert-good.pem': goodPem,
    'cert-truncated.der': good.subarray(0, Math.floor(good.length * 0.6)),
    'cert-truncated-body.pem': `-----BEGIN CERTIFICATE-----\n${body.slice(0, 600)}\n-----END CERTIFICATE-----\n`,
    'cert-cut-in-base64.pem': `-----BEGIN CERTIFICATE-----\n${body.slice(0, 601)}\n-----END CERTIFICATE-----\n`,
    'cert-no-end-line.pem': goodPem.split('-----END')[0]!,
    'cert-garbage-base64.pem': `-----BEGIN CERTIFICATE-----\n${body.slice(0, 200)}!!**not base64**!!${body.slice(200)}\n-----END CERTIFICATE-----\n`,
    'cert-two-certificates.pem': goodPem + toPem('CERTIFICATE', other),
    'cert-is-a-csr.pem': toPem('CERTIFICATE REQUEST', csr({ cn: CSR_UID, key })),
    'cert-is-a-public-key.pem': toPem('PUBLIC KEY', spkiOf(key)),
    'cert-empty-block.pem': '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n',
    'cert-trailing-bytes.der': Buffer.concat([good, Buffer.from('trailing')]),
    'cert-random-bytes.der': Buffer.from(Array.from({ length: 700 }, (_, i) => (i * 151 + 7) % 256)),
    'cert-zero-length-serial.der': certificate({ ca, cn: CSR_UID, serialContent: '' }),
    'cert-unreadable-validity.der': certificate({ ca, cn: CSR_UID, notAfter: forge.asn1.create(0, forge.asn1.Type.GENERALIZEDTIME, false, '100001231000000Z') }),
    'cert-utf16.pem': Buffer.from(`\ufeff${goodPem}`, 'utf16le'),
    // CSRs: refused by the ZTNA CA's signing policy, or not CSRs at all.
    'csr-bad-signature.pem': toPem('CERTIFICATE REQUEST', csr({ cn: CSR_UID, key, signWith: rsa(2048) })),
    'csr-cn-not-the-uid.pem': toPem('CERTIFICATE REQUEST', csr({ cn: 'laptop-1.example.com', key })),
    'csr-no-subject.pem': toPem('CERTIFICATE REQUEST', csr({ key })),
    'csr-1024-bit-key.pem': toPem('CERTIFICATE REQUEST', csr({ cn: CSR_UID, key: rsa(1024) })),
    'csr-server-auth-eku.pem': toPem('CERTIFICATE REQUEST', csr({ cn: CSR_UID, key, eku: [OID.clientAuth, OID.serverAuth] })),
    'csr-any-eku.pem': toPem('CERTIFICATE REQUEST', csr({ cn: CSR_UID, key, eku: ['2.5.29.37.0'] })),
    'csr-ec-key.pem': toPem('CERTIFICATE REQUEST', csr({ cn: CSR_UID, key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey })),
    'csr-sha1-signature.pem': toPem('CERTIFICATE REQUEST', csr({ cn: CSR_UID, key, hash: 'sha1', algorithmOid: '1.2.840.113549.1.1.5' })),
    'csr-requests-ca.pem': toPem('CERTIFICATE REQUEST', csr({ cn: CSR_UID, key, requestCa: true })),
    'csr-truncated.der': csr({ cn: CSR_UID, key }).subarray(0, 300),
    'csr-trailing-bytes.der': Buffer.concat([csr({ cn: CSR_UID, key }), Buffer.from([0, 0])]),
    'csr-two-requests.pem': toPem('CERTIFICATE REQUEST', csr({ cn: CSR_UID, key })) + toPem('CERTIFICATE REQUEST', csr({ cn: CSR_UID, key })),
    'csr-is-a-certificate.pem': goodPem,
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(DIR, name), content);
  console.log(`wrote ${Object.keys(files).length} files to ${DIR}`);
}

if (require.main === module) main();
