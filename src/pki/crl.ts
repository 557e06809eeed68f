import { sign } from 'node:crypto';
import {
  bitString,
  enumerated,
  explicit,
  fromDer,
  implicitPrimitive,
  OID,
  octetString,
  oid,
  sequence,
  sha256WithRsa,
  smallInteger,
  time,
  toDer,
  unsignedInteger,
} from './asn1';
import type { Issuer } from './certificate';
import { keyIdentifier } from './extensions';
import { toPem } from './pem';

/** RFC 5280 CRLReason values the harness uses. */
const CRL_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
} as const;

export type CrlReason = keyof typeof CRL_REASONS;

/** One revoked certificate in a CRL. */
export interface RevokedEntry {
  readonly serial: string;
  readonly revokedAt: number;
  readonly reason: CrlReason;
}

/** What goes into one CRL. */
export interface CrlSpec {
  readonly issuer: Issuer;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  readonly crlNumber: number;
  readonly revoked: readonly RevokedEntry[];
}

/** Builds a v2 CRL (with entry reasons, AKI and CRL number) and signs it natively; returns PEM. */
export function createCrl(spec: CrlSpec): string {
  const entries = spec.revoked.map((entry) =>
    sequence(
      unsignedInteger(Buffer.from(entry.serial, 'hex')),
      time(new Date(entry.revokedAt)),
      sequence(sequence(oid(OID.crlReason), octetString(toDer(enumerated(CRL_REASONS[entry.reason]))))),
    ),
  );
  const extensions = explicit(
    0,
    sequence(
      sequence(
        oid(OID.authorityKeyIdentifier),
        octetString(toDer(sequence(implicitPrimitive(0, keyIdentifier(spec.issuer.key.spki))))),
      ),
      sequence(oid(OID.crlNumber), octetString(toDer(unsignedInteger(numberBytes(spec.crlNumber))))),
    ),
  );
  const tbs = toDer(
    sequence(
      smallInteger(1),
      sha256WithRsa(),
      fromDer(spec.issuer.nameDer),
      time(spec.thisUpdate),
      time(spec.nextUpdate),
      ...(entries.length > 0 ? [sequence(...entries)] : []),
      extensions,
    ),
  );
  const signature = sign('sha256', tbs, spec.issuer.key.privateKey);
  return toPem('X509 CRL', toDer(sequence(fromDer(tbs), sha256WithRsa(), bitString(signature))));
}

/** A non-negative integer as big-endian bytes (CRL numbers may be timestamps, past 32 bits). */
function numberBytes(value: number): Buffer {
  const hexText = BigInt(Math.max(0, Math.floor(value))).toString(16);
  return Buffer.from(hexText.length % 2 ? `0${hexText}` : hexText, 'hex');
}
