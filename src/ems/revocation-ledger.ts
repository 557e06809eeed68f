import type { CrlReason } from '../pki';

/** A certificate EMS revoked, with the root that issued it (for that root's CRL). */
export interface Revocation {
  readonly serial: string;
  readonly site: string;
  readonly rootGeneration: number;
  readonly revokedAt: number;
  readonly reason: CrlReason;
}

/**
 * EMS's CA database of client certificates: which root generation issued each serial, what was
 * revoked, and the CRL number. It survives a restart that rebuilds the endpoint registry.
 */
export class RevocationLedger {
  private readonly revoked = new Map<string, Revocation>();
  /** Which root generation issued each serial, so a revocation lands in the right CRL. */
  private readonly issuingGeneration = new Map<string, number>();
  private crlNumber = 0;

  /** Records that `generation` of its site's root issued `serial`. */
  issued(serial: string, generation: number): void {
    this.issuingGeneration.set(serial, generation);
  }

  /** Revokes `serial` once (a second revocation keeps the first's date and reason). */
  revoke(serial: string, site: string, reason: CrlReason, at: number, activeGeneration: number): void {
    if (this.revoked.has(serial)) return;
    const rootGeneration = this.issuingGeneration.get(serial) ?? activeGeneration;
    this.revoked.set(serial, { serial, site, rootGeneration, revokedAt: at, reason });
  }

  isRevoked(serial: string): boolean {
    return this.revoked.has(serial);
  }

  /** Revocations of one site, oldest first. */
  of(site: string): Revocation[] {
    return [...this.revoked.values()].filter((r) => r.site === site);
  }

  /** The number the next CRL carries: every CRL EMS issues has a larger one. */
  nextCrlNumber(): number {
    return ++this.crlNumber;
  }

  /** An independent copy (a forked EMS starts from it). */
  fork(): RevocationLedger {
    const copy = new RevocationLedger();
    for (const [serial, revocation] of this.revoked) copy.revoked.set(serial, revocation);
    for (const [serial, generation] of this.issuingGeneration) copy.issuingGeneration.set(serial, generation);
    copy.crlNumber = this.crlNumber;
    return copy;
  }
}
