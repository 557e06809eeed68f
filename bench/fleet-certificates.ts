/**
 * A fleet of real certificates, made fast enough for a benchmark: an ECDSA P-256 ZTNA root and
 * 100,000 client certificates it signed, each with its own UID (subject CN) and serial. Issuing
 * them with RSA-2048 (~1 ms a signature here) would take the phase minutes; which algorithm
 * signed a certificate does not change a decision the verification cache answers. Every leaf is
 * one template TBSCertificate with the serial and UID written in, signed with node:crypto, and
 * described by the same readonly record the engine uses (its X509 view made on first use, as for
 * the engine's own certificates).
 */
import { createHash, generateKeyPairSync, type KeyObject, sign, X509Certificate } from 'node:crypto';
import { type Certificate, OID, toPem } from '../src/pki';
import {
  type Asn1,
  explicit,
  fromDer,
  oid,
  sequence,
  smallInteger,
  time,
  toDer,
  unsignedInteger,
} from '../src/pki/asn1';
import { encodeExtensions } from '../src/pki/extensions';
import { encodeName } from '../src/pki/name';
import { FastBytes, randomHex } from './synthetic-records';

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const ROOT_SUBJECT = { CN: 'default_ZTNARootCA', O: 'Fortinet' };
const PLACEHOLDER_UID = 'F0'.repeat(16);
const PLACEHOLDER_SERIAL = Buffer.alloc(20, 0x5a);
const DAY = 86_400_000;

/** A fleet: its root (a synced trust anchor) and its client certificates. */
export interface Fleet {
  readonly root: Certificate;
  readonly certificates: readonly Certificate[];
}

const ecdsaSha256 = (): Asn1 => sequence(oid(ECDSA_WITH_SHA256));

const ALGORITHM_DER = toDer(ecdsaSha256());

/** A DER tag and length header (definite form). */
function header(tag: number, length: number): Buffer {
  if (length < 0x80) return Buffer.from([tag, length]);
  const octets = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
  const out = Buffer.alloc(2 + octets);
  out[0] = tag;
  out[1] = 0x80 | octets;
  out.writeUIntBE(length, 2, octets);
  return out;
}

/** The Certificate DER of `tbs` signed by `key`, assembled by hand (forge's round trip costs more than the signature). */
function signed(tbs: Buffer, key: KeyObject): Buffer {
  const signature = sign('sha256', tbs, key);
  const bits = Buffer.concat([header(0x03, signature.length + 1), Buffer.from([0]), signature]);
  const body = tbs.length + ALGORITHM_DER.length + bits.length;
  return Buffer.concat([header(0x30, body), tbs, ALGORITHM_DER, bits]);
}

function tbsOf(options: {
  serial: Buffer;
  subject: Asn1;
  subjectSpki: Buffer;
  issuerSpki: Buffer;
  at: number;
  profile: 'ca' | 'client';
}): Buffer {
  return toDer(
    sequence(
      explicit(0, smallInteger(2)),
      unsignedInteger(options.serial),
      ecdsaSha256(),
      encodeName(ROOT_SUBJECT),
      sequence(time(new Date(options.at - DAY)), time(new Date(options.at + 365 * DAY))),
      options.subject,
      fromDer(options.subjectSpki),
      encodeExtensions({ profile: options.profile, subjectSpki: options.subjectSpki, issuerSpki: options.issuerSpki }),
    ),
  );
}

/** The engine's record of a leaf built from the template (the values written into it). */
function leafRecord(der: Buffer, serial: string, uid: string, at: number, subjectNameDer: Buffer): Certificate {
  let x509: X509Certificate | undefined;
  let pem: string | undefined;
  return {
    der,
    get pem() {
      pem ??= toPem('CERTIFICATE', der);
      return pem;
    },
    get x509() {
      x509 ??= new X509Certificate(der);
      return x509;
    },
    serial,
    subjectCN: uid,
    signatureAlgorithm: ECDSA_WITH_SHA256,
    issuerCN: ROOT_SUBJECT.CN,
    subject: `CN=${uid}`,
    issuer: `CN=${ROOT_SUBJECT.CN}, O=${ROOT_SUBJECT.O}`,
    notBefore: Math.floor((at - DAY) / 1000) * 1000,
    notAfter: Math.floor((at + 365 * DAY) / 1000) * 1000,
    extKeyUsage: [OID.clientAuth],
    isCA: false,
    fingerprint: createHash('sha256').update(der).digest('hex').toUpperCase(),
    subjectNameDer,
  };
}

/** Builds the fleet at virtual time `at`; `parse` is the engine's parser, used once for the root. */
export function buildFleet(count: number, at: number, parse: (der: Buffer) => Certificate): Fleet {
  const rootKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const rootSpki = rootKey.publicKey.export({ type: 'spki', format: 'der' });
  const root = parse(
    signed(
      tbsOf({
        serial: Buffer.from([0x01, 0x02]),
        subject: encodeName(ROOT_SUBJECT),
        subjectSpki: rootSpki,
        issuerSpki: rootSpki,
        at,
        profile: 'ca',
      }),
      rootKey.privateKey,
    ),
  );
  const leafSpki = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({
    type: 'spki',
    format: 'der',
  });
  const template = tbsOf({
    serial: PLACEHOLDER_SERIAL,
    subject: encodeName({ CN: PLACEHOLDER_UID }),
    subjectSpki: leafSpki,
    issuerSpki: rootSpki,
    at,
    profile: 'client',
  });
  const serialAt = template.indexOf(PLACEHOLDER_SERIAL);
  const uidAt = template.indexOf(PLACEHOLDER_UID, 0, 'latin1');
  const nameDer = toDer(encodeName({ CN: PLACEHOLDER_UID }));
  const nameUidAt = nameDer.indexOf(PLACEHOLDER_UID, 0, 'latin1');
  if (serialAt < 0 || uidAt < 0 || nameUidAt < 0)
    throw new Error('the fleet template has no place for the serial or the UID');
  const random = new FastBytes(42);
  const certificates = new Array<Certificate>(count);
  for (let i = 0; i < count; i++) {
    const serial = randomHex(random, 20).replace(/^[089A-F]/, '7'); // positive, 20 bytes, minimally encoded
    const uid = randomHex(random, 16);
    const tbs = Buffer.from(template);
    tbs.write(serial, serialAt, 'hex');
    tbs.write(uid, uidAt, 'latin1');
    const subjectNameDer = Buffer.from(nameDer);
    subjectNameDer.write(uid, nameUidAt, 'latin1');
    certificates[i] = leafRecord(signed(tbs, rootKey.privateKey), serial, uid, at, subjectNameDer);
  }
  return { root, certificates };
}
