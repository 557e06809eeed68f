import type { Clock } from '../clock';
import { HarnessError } from '../errors';
import {
  type Certificate,
  createCrl,
  type Issuer,
  issueCertificate,
  type KeyPair,
  type KeySource,
  newSerial,
  type Random,
  type RevokedEntry,
  type SigningRequest,
} from '../pki';
import { rootCaName } from './identifiers';
import { DEFAULT_SIGNING_POLICY, firstRefusal, type SigningValidator } from './signing-policy';

const DAY = 86_400_000;
/**
 * Client certificates and CRLs are backdated by an hour, as many CAs do, so that a gateway whose
 * clock trails EMS's (or a real proxy on wall-clock time while the lab's clock ran ahead) still
 * accepts them.
 */
const BACKDATE = 3_600_000;

/** One generation of a site's root CA; rotation retires it, revocation revokes it. */
export interface RootCa {
  readonly generation: number;
  readonly certificate: Certificate;
  readonly key: KeyPair;
  readonly status: 'active' | 'retired' | 'revoked';
}

/** How a ZTNA CA issues. */
export interface ZtnaCaOptions {
  readonly site: string;
  readonly emsSerial: string;
  readonly clock: Clock;
  readonly random: Random;
  readonly keys: KeySource;
  readonly policy?: readonly SigningValidator[];
  readonly clientCertificateDays?: number;
  readonly rootDays?: number;
}

/**
 * A site's ZTNA certificate authority, as EMS runs it: a self-signed root per generation that
 * signs the CSRs FortiClient submits, after the signing policy accepts them.
 */
export class ZtnaCa {
  private generations: RootCa[] = [];

  private constructor(private readonly options: ZtnaCaOptions) {}

  /** Creates the CA with its first root. */
  static async create(options: ZtnaCaOptions): Promise<ZtnaCa> {
    const ca = new ZtnaCa(options);
    await ca.newRoot();
    return ca;
  }

  get site(): string {
    return this.options.site;
  }

  /** The root that signs now. */
  get active(): RootCa {
    return this.generations[this.generations.length - 1]!;
  }

  /** Every generation, oldest first. */
  get roots(): readonly RootCa[] {
    return this.generations;
  }

  /** A copy sharing every root (and key) made so far, issuing on another clock and randomness. */
  fork(context: Pick<ZtnaCaOptions, 'clock' | 'random'>): ZtnaCa {
    const copy = new ZtnaCa({ ...this.options, ...context });
    copy.generations = [...this.generations];
    return copy;
  }

  /** Signs a CSR for `uid` under the active root; a refused CSR is a CSR_REJECTED error. */
  sign(csr: SigningRequest, uid: string): Certificate {
    const now = this.options.clock.now();
    const root = this.active;
    const notAfter = Math.min(now + (this.options.clientCertificateDays ?? 365) * DAY, root.certificate.notAfter);
    const context = { csr, uid, notBefore: now - BACKDATE, notAfter, rootNotAfter: root.certificate.notAfter };
    const refusal = firstRefusal(this.options.policy ?? DEFAULT_SIGNING_POLICY, context);
    if (refusal)
      throw new HarnessError('CSR_REJECTED', `the ${this.site} ZTNA CA refused the CSR of ${uid}: ${refusal}`);
    return issueCertificate({
      serial: newSerial(this.options.random),
      subject: { CN: uid },
      subjectSpki: csr.spki,
      issuer: issuerOf(root),
      notBefore: new Date(now - BACKDATE),
      notAfter: new Date(notAfter),
      profile: 'client',
    });
  }

  /** Root CA update: a new root signs from now on; the old one is retired. */
  async rotate(): Promise<RootCa> {
    this.setActiveStatus('retired');
    return this.newRoot();
  }

  /** Root CA revocation: the active root is revoked and a new one takes its place. */
  async revokeActive(): Promise<RootCa> {
    this.setActiveStatus('revoked');
    return this.newRoot();
  }

  /** A CRL of `root` listing the given revoked serials it issued. */
  crl(root: RootCa, revoked: readonly RevokedEntry[], crlNumber: number): string {
    const now = this.options.clock.now();
    return createCrl({
      issuer: issuerOf(root),
      thisUpdate: new Date(now - BACKDATE),
      nextUpdate: new Date(now + 7 * DAY),
      crlNumber,
      revoked,
    });
  }

  private setActiveStatus(status: RootCa['status']): void {
    const last = this.generations.length - 1;
    this.generations[last] = { ...this.generations[last]!, status };
  }

  private async newRoot(): Promise<RootCa> {
    const key = await this.options.keys.take();
    const now = this.options.clock.now();
    const generation = this.generations.length + 1;
    const certificate = issueCertificate({
      serial: newSerial(this.options.random),
      subject: { CN: rootCaName(this.site), OU: `generation ${generation}`, O: this.options.emsSerial },
      subjectSpki: key.spki,
      issuer: 'self',
      selfKey: key,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + (this.options.rootDays ?? 3650) * DAY),
      profile: 'ca',
    });
    const root: RootCa = { generation, certificate, key, status: 'active' };
    this.generations.push(root);
    return root;
  }
}

/** The issuer view of a root: its Name and key. */
export const issuerOf = (root: { certificate: Certificate; key: KeyPair }): Issuer => ({
  nameDer: root.certificate.subjectNameDer,
  key: root.key,
});
