import type { Clock } from '../clock';
import { HarnessError } from '../errors';
import type { Certificate, CrlReason, SigningRequest } from '../pki';
import type {
  EmsOptions,
  EmsSnapshot,
  RegistrationRequest,
  RegistryOnRestart,
  RootChangeListener,
  Site,
} from './ems-records';
import { createEmsSslIdentity, type EmsSslIdentity } from './ems-ssl';
import { type EndpointEntry, EndpointRegistry } from './endpoint-registry';
import { DEFAULT_TENANT_ID, NO_CERTIFICATE_SN, newEmsSerial, newTenantId } from './identifiers';
import { type Revocation, RevocationLedger } from './revocation-ledger';
import { type RootCa, ZtnaCa } from './ztna-ca';

/**
 * FortiClient EMS: the ZTNA CA of each site, the endpoint registry and the admin actions.
 * Every change notifies `onChange` listeners (the fabric connectors); root changes also notify
 * `onRootChange` listeners (the endpoints, which renew).
 */
export class Ems {
  readonly registry = new EndpointRegistry();
  private readonly siteMap = new Map<string, Site>();
  private ledger = new RevocationLedger();
  private readonly changeListeners = new Set<(site: string) => void>();
  private readonly rootListeners = new Set<RootChangeListener>();
  private down = false;

  private constructor(
    readonly serial: string,
    readonly ssl: EmsSslIdentity,
    private readonly options: EmsOptions,
  ) {}

  /** Creates an EMS with its sites (the `default` site when none are given) and its SSL identity. */
  static async create(options: EmsOptions): Promise<Ems> {
    const serial = options.serial ?? newEmsSerial(options.random);
    const ssl = await createEmsSslIdentity(options.hostName ?? 'ems.lab.internal', options);
    const ems = new Ems(serial, ssl, options);
    for (const site of options.sites ?? [{ name: 'default' }]) await ems.addSite(site.name, site.tenantId);
    return ems;
  }

  get clock(): Clock {
    return this.options.clock;
  }

  /** Whether EMS answers (false while it restarts): connectors cannot sync, admins cannot act. */
  get reachable(): boolean {
    return !this.down;
  }

  /** EMS goes down (a restart begins): every admin action and registration is refused until `start`. */
  stop(): void {
    this.down = true;
  }

  /** EMS is back; with `rebuilt`, its endpoint registry starts empty (see RegistryOnRestart). */
  start(registry: RegistryOnRestart): void {
    if (registry === 'rebuilt') this.registry.clear();
    this.down = false;
    for (const site of this.siteMap.keys()) this.changed(site);
  }

  /**
   * An independent copy sharing every certificate and key made so far (no new crypto), issuing on
   * another clock and randomness: a forked lab starts from it. Listeners are not copied.
   */
  fork(context: Pick<EmsOptions, 'clock' | 'random'>): Ems {
    const copy = new Ems(this.serial, this.ssl, { ...this.options, ...context });
    for (const site of this.siteMap.values()) copy.siteMap.set(site.name, { ...site, ca: site.ca.fork(context) });
    for (const entry of this.registry.list()) copy.registry.put(entry);
    copy.ledger = this.ledger.fork();
    copy.down = this.down;
    return copy;
  }

  /** Adds a site with its own root CA. */
  async addSite(name: string, tenantId?: string): Promise<Site> {
    this.requireUp('add a site');
    if (this.siteMap.has(name)) throw new HarnessError('BAD_INPUT', `EMS already has a site named "${name}"`);
    const ca = await ZtnaCa.create({
      ...this.options,
      site: name,
      emsSerial: this.serial,
      policy: this.options.policy,
    });
    const site = {
      name,
      tenantId: tenantId ?? (name === 'default' ? DEFAULT_TENANT_ID : newTenantId(this.options.random)),
      ca,
    };
    this.siteMap.set(name, site);
    return site;
  }

  site(name: string): Site {
    const site = this.siteMap.get(name);
    if (!site)
      throw new HarnessError(
        'NOT_FOUND',
        `EMS has no site named "${name}" (sites: ${[...this.siteMap.keys()].join(', ')})`,
      );
    return site;
  }

  get sites(): readonly Site[] {
    return [...this.siteMap.values()];
  }

  /** Signs the endpoint's CSR with its site's CA and records it as registered and online. */
  register(request: RegistrationRequest): Certificate {
    this.requireUp(`register ${request.uid}`);
    const site = this.site(request.site);
    const certificate = this.sign(site, request.csr, request.uid);
    const previous = this.registry.get(request.uid);
    if (previous) this.revokeCurrent(previous, 'superseded');
    this.registry.put({
      uid: request.uid,
      site: site.name,
      certSn: certificate.serial,
      status: 'registered',
      online: true,
      tags: request.tags ?? previous?.tags ?? [],
      hostName: request.hostName,
      os: request.os,
      ip: request.ip,
      mac: request.mac,
    });
    this.changed(site.name);
    return certificate;
  }

  /** Signs a renewal CSR under the site's current root; the superseded certificate is revoked. */
  renew(uid: string, csr: SigningRequest): Certificate {
    this.requireUp(`renew the certificate of ${uid}`);
    const entry = this.registry.require(uid);
    const certificate = this.sign(this.site(entry.site), csr, uid);
    this.revokeCurrent(entry, 'superseded');
    this.registry.update(uid, { certSn: certificate.serial, status: 'registered' });
    this.changed(entry.site);
    return certificate;
  }

  /** Endpoint > Action > Revoke Client Certificate: for a compromised key. */
  revokeClientCertificate(uid: string, reason: CrlReason = 'keyCompromise'): void {
    this.requireUp(`revoke the certificate of ${uid}`);
    const entry = this.registry.require(uid);
    if (entry.certSn === NO_CERTIFICATE_SN)
      throw new HarnessError('INVALID_STATE', `endpoint ${uid} holds no certificate to revoke`);
    this.revokeCurrent(entry, reason);
    this.changed(entry.site);
  }

  /** Unregister: the certificate is revoked and the endpoint marked unregistered, without a certificate. */
  unregister(uid: string): void {
    this.requireUp(`unregister ${uid}`);
    const entry = this.registry.require(uid);
    this.revokeCurrent(entry, 'cessationOfOperation');
    this.registry.update(uid, { status: 'unregistered', certSn: NO_CERTIFICATE_SN });
    this.changed(entry.site);
  }

  /** Root CA update: a new root for the site; endpoints are told so that they renew. */
  async updateRootCa(siteName: string): Promise<RootCa> {
    this.requireUp(`update the root CA of ${siteName}`);
    const root = await this.site(siteName).ca.rotate();
    await this.rootChanged(siteName);
    return root;
  }

  /** Root CA revocation: the active root is revoked, a new one replaces it, endpoints renew. */
  async revokeRootCa(siteName: string): Promise<RootCa> {
    this.requireUp(`revoke the root CA of ${siteName}`);
    const root = await this.site(siteName).ca.revokeActive();
    await this.rootChanged(siteName);
    return root;
  }

  setTags(uid: string, tags: readonly string[]): void {
    this.requireUp(`set the tags of ${uid}`);
    this.changed(this.registry.update(uid, { tags: [...tags] }).site);
  }

  setOnline(uid: string, online: boolean): void {
    this.requireUp(`set the online status of ${uid}`);
    this.changed(this.registry.update(uid, { online }).site);
  }

  isRevoked(serial: string): boolean {
    return this.ledger.isRevoked(serial);
  }

  /** Revocations of one site, oldest first. */
  revocations(siteName: string): Revocation[] {
    return this.ledger.of(siteName);
  }

  /** A current CRL for each root of the site that is still trusted or revoked (PEM, concatenated). */
  crls(siteName: string): string[] {
    const site = this.site(siteName);
    return site.ca.roots.map((root) => {
      const entries = this.revocations(siteName).filter((r) => r.rootGeneration === root.generation);
      return site.ca.crl(root, entries, this.ledger.nextCrlNumber());
    });
  }

  /** What a fabric connector syncs for one site. */
  snapshot(siteName: string): EmsSnapshot {
    const site = this.site(siteName);
    return {
      emsSerial: this.serial,
      site: site.name,
      tenantId: site.tenantId,
      roots: site.ca.roots
        .filter((r) => r.status !== 'retired')
        .map(({ certificate, status }) => ({ certificate, status })),
      endpoints: this.registry.list(site.name),
      revokedSerials: this.revocations(site.name).map((r) => r.serial),
    };
  }

  /** Subscribes to changes; returns an unsubscribe function. */
  onChange(listener: (site: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Subscribes to root changes (FortiClient renews on them). */
  onRootChange(listener: RootChangeListener): () => void {
    this.rootListeners.add(listener);
    return () => this.rootListeners.delete(listener);
  }

  private requireUp(action: string): void {
    if (this.down) throw new HarnessError('INVALID_STATE', `EMS is down (restarting): cannot ${action}`);
  }

  private revokeCurrent(entry: EndpointEntry, reason: CrlReason): void {
    if (entry.certSn === NO_CERTIFICATE_SN) return;
    this.ledger.revoke(
      entry.certSn,
      entry.site,
      reason,
      this.options.clock.now(),
      this.site(entry.site).ca.active.generation,
    );
  }

  private sign(site: Site, csr: SigningRequest, uid: string): Certificate {
    const certificate = site.ca.sign(csr, uid);
    this.ledger.issued(certificate.serial, site.ca.active.generation);
    return certificate;
  }

  private changed(site: string): void {
    for (const listener of this.changeListeners) listener(site);
  }

  private async rootChanged(site: string): Promise<void> {
    this.changed(site);
    for (const listener of [...this.rootListeners]) await listener(site);
  }
}
