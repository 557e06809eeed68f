import { createHash } from 'node:crypto';
import type { Certificate, KeyPair } from '../pki';

/** A certificate with its private key, as an endpoint presents it. */
export interface Identity {
  readonly certificate: Certificate;
  readonly key: KeyPair;
}

/** What listing the OS store shows (as certmgr does): no key material. */
export interface StoreListing {
  /** SHA-1 of the DER, upper-case hex: the Windows thumbprint. */
  readonly thumbprint: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly notAfter: string;
}

/** The endpoint's OS certificate store (on Windows, the user's personal store). */
export class CertificateStore {
  private readonly items = new Map<string, Identity>();

  /** Installs a certificate with its key; returns its thumbprint. */
  install(identity: Identity): string {
    const thumbprint = thumbprintOf(identity.certificate);
    this.items.set(thumbprint, identity);
    return thumbprint;
  }

  remove(thumbprint: string): boolean {
    return this.items.delete(thumbprint);
  }

  clear(): void {
    this.items.clear();
  }

  get size(): number {
    return this.items.size;
  }

  /** The newest identity whose subject CN is `cn` (FortiClient picks its own certificate by UID). */
  findBySubject(cn: string): Identity | undefined {
    return [...this.items.values()].filter((i) => i.certificate.subjectCN === cn).at(-1);
  }

  /** Every identity in the store, oldest first. */
  identities(): Identity[] {
    return [...this.items.values()];
  }

  list(): StoreListing[] {
    return [...this.items.entries()].map(([thumbprint, { certificate }]) => ({
      thumbprint,
      subject: certificate.subject,
      issuer: certificate.issuer,
      serial: certificate.serial,
      notAfter: new Date(certificate.notAfter).toISOString(),
    }));
  }
}

const thumbprintOf = (certificate: Certificate): string =>
  createHash('sha1').update(certificate.der).digest('hex').toUpperCase();
