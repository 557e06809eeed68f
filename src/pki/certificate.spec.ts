/**
 * `issueCertificate` describes the certificate it built from its spec, without parsing it back
 * (an OpenSSL 3 decode and forge's ASN.1 cost ~0.4 ms). That record must be the one
 * `parseCertificate` reads from the same DER, for any spec: a property over names, serials,
 * dates, profiles and key usages.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { OID } from './asn1';
import { type Certificate, issueCertificate, parseCertificate } from './certificate';
import type { CertificateProfile } from './extensions';
import { generateRsaSync } from './keys';

const KEYS = [generateRsaSync(1024), generateRsaSync(1024)];
const text = fc.string({
  minLength: 1,
  maxLength: 24,
  unit: fc.constantFrom(...'ABCabc019 -_.,+"\\<>;#=éß'.split('')),
});
const name = fc.record({
  CN: text,
  O: fc.option(text, { nil: undefined }),
  OU: fc.option(text, { nil: undefined }),
  C: fc.option(fc.constantFrom('DE', 'US', 'FR'), { nil: undefined }),
});
const date = fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(9998, 11, 31) }).map((ms) => new Date(ms));
const serial = fc.uint8Array({ minLength: 1, maxLength: 21 }).map((bytes) => Buffer.from(bytes));
const profile = fc.constantFrom<CertificateProfile>('ca', 'client', 'server');
const eku = fc.option(fc.subarray([OID.clientAuth, OID.serverAuth]), { nil: undefined });

/** What the engine reads of a certificate (the x509 view aside, which is node's own). */
const fieldsOf = ({ x509: _x509, ...fields }: Certificate) => fields;

test('property/issued-equals-parsed: the record of an issued certificate is what parsing its DER yields', () => {
  fc.assert(
    fc.property(
      name,
      name,
      date,
      date,
      serial,
      profile,
      eku,
      fc.boolean(),
      (subject, issuerName, from, to, serialBytes, kind, usages, selfSigned) => {
        const [subjectKey, issuerKey] = KEYS as [(typeof KEYS)[0], (typeof KEYS)[0]];
        const issuer = issueCertificate({
          serial: Buffer.from([1]),
          subject: issuerName,
          subjectSpki: issuerKey.spki,
          issuer: 'self',
          selfKey: issuerKey,
          notBefore: from,
          notAfter: to,
          profile: 'ca',
        });
        const issued = issueCertificate({
          serial: serialBytes,
          subject,
          subjectSpki: subjectKey.spki,
          notBefore: from,
          notAfter: to,
          profile: kind,
          ...(usages ? { extKeyUsage: usages } : {}),
          ...(kind === 'server' ? { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] } : {}),
          ...(selfSigned
            ? { issuer: 'self' as const, selfKey: subjectKey }
            : { issuer: { nameDer: issuer.subjectNameDer, key: issuerKey } }),
        });
        assert.deepEqual(fieldsOf(issued), fieldsOf(parseCertificate(issued.der)));
      },
    ),
    { numRuns: 150 },
  );
});
