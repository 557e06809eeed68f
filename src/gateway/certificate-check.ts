import { type Certificate, checkPurpose, findIssuer } from '../pki';
import { NO_CERTIFICATE_SN, UID_PATTERN } from '../ztna-identifiers';
import type { EndpointRecord, EndpointRecords, Revocations, SyncedRoot } from './synced-state';

/**
 * What a gateway concluded about one client certificate against one generation of trust
 * anchors: everything but the clock and the endpoint records. The verdicts are in the order WAD
 * applies them; validity against the clock falls between `beforeValidity` and `afterValidity`.
 * What comes from a sync (revoked serials, the endpoint record) is read again whenever either
 * port changed since (`recordsAt`, `revocationsAt`).
 */
export interface CertificateCheck {
  /** Untrusted issuer, bad signature or revoked root (`CERT_INVALID` details). */
  readonly beforeValidity?: string;
  /** Not an end entity for client authentication, a bad serial, a weak signature, no UID as subject. */
  readonly afterValidity?: string;
  /** The generations of the records and revocations the fields below were read at. */
  recordsAt: number;
  revocationsAt: number;
  revoked: boolean;
  /** The endpoint record of the certificate's UID, if the gateway has one. */
  record: EndpointRecord | undefined;
  /** Why the record does not match the certificate (`CERT_INVALID` details). */
  mismatch: string | undefined;
}

/** Reads what a sync decides about the certificate into `check`. */
export function readSynced(
  check: CertificateCheck,
  cert: Certificate,
  records: EndpointRecords,
  revocations: Revocations,
): CertificateCheck {
  check.recordsAt = records.generation;
  check.revocationsAt = revocations.generation;
  check.revoked = revocations.isRevoked(cert.serial);
  check.record = records.get(cert.subjectCN);
  check.mismatch = check.record && recordMismatch(check.record, cert);
  return check;
}

function recordMismatch(record: EndpointRecord, cert: Certificate): string | undefined {
  if (record.certSn === NO_CERTIFICATE_SN) return 'record-has-no-certificate';
  if (record.certSn !== cert.serial) return 'sn-mismatch';
  return undefined;
}

/** Checks a certificate against the synced roots (the signature check is the expensive part). */
export function checkCertificate(
  cert: Certificate,
  roots: readonly SyncedRoot[],
): Pick<CertificateCheck, 'beforeValidity' | 'afterValidity'> {
  const issued = findIssuer(
    cert,
    roots.map((r) => r.certificate),
  );
  if (!issued.ok) return { beforeValidity: issued.failure };
  if (roots.find((r) => r.certificate === issued.anchor)?.revoked) return { beforeValidity: 'root-revoked' };
  const unusable =
    checkPurpose(cert, 'clientAuth') ?? (UID_PATTERN.test(cert.subjectCN) ? undefined : 'subject-not-a-uid');
  return unusable ? { afterValidity: unusable } : {};
}
