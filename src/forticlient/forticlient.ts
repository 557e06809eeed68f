import { HarnessError } from '../errors';
import { type Certificate, createCsr, type KeySource, type SigningRequest } from '../pki';
import { CertificateStore, type Identity } from './certificate-store';

/** The part of EMS an endpoint talks to (EMS implements it; the agent never imports EMS). */
export interface EmsEndpointService {
  register(request: {
    uid: string;
    site: string;
    csr: SigningRequest;
    hostName: string;
    os: string;
    ip: string;
    mac: string;
    tags?: readonly string[];
  }): Certificate;
  renew(uid: string, csr: SigningRequest): Certificate;
  unregister(uid: string): void;
  onRootChange(listener: (site: string) => Promise<void>): () => void;
}

/** Who the endpoint is. */
export interface EndpointProfile {
  readonly name: string;
  readonly uid: string;
  readonly site: string;
  readonly os: string;
  readonly userAgent: string;
  readonly hostName: string;
  readonly ip: string;
  readonly mac: string;
  readonly tags?: readonly string[];
}

/**
 * FortiClient on one endpoint: registers with EMS (key → CSR → signed certificate → OS store),
 * unregisters (store emptied, certificate revoked on EMS), reconnects with a new key, and renews
 * by itself when its site's root CA changes.
 */
export class FortiClient {
  readonly store = new CertificateStore();
  /** Every identity this endpoint has held, oldest first (a stolen key outlives the store). */
  readonly history: Identity[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(
    readonly profile: EndpointProfile,
    private readonly ems: EmsEndpointService,
    private readonly keys: KeySource,
  ) {}

  get uid(): string {
    return this.profile.uid;
  }

  get registered(): boolean {
    return this.unsubscribe !== undefined;
  }

  /** The ZTNA certificate in the store, if any. */
  get identity(): Identity | undefined {
    return this.store.findBySubject(this.uid);
  }

  async register(): Promise<Identity> {
    const identity = await this.enrol();
    this.subscribe();
    return this.install(identity);
  }

  /** The same endpoint (store, history, registration) talking to the EMS of a forked lab. */
  fork(ems: EmsEndpointService, keys: KeySource): FortiClient {
    const copy = new FortiClient(this.profile, ems, keys);
    for (const identity of this.store.identities()) copy.store.install(identity);
    copy.history.push(...this.history);
    if (this.registered) copy.subscribe();
    return copy;
  }

  /** Disconnect from EMS: the certificate leaves the store and EMS revokes it. */
  unregister(): void {
    this.requireRegistered('unregister');
    this.ems.unregister(this.uid);
    this.store.clear();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /**
   * Reconnect after an unregister (or to replace a compromised key): new key, new SN. The old
   * certificate leaves the store only once EMS has issued the new one, so a failed reconnect
   * (EMS unreachable) leaves the endpoint as it was.
   */
  async reconnect(): Promise<Identity> {
    const identity = await this.enrol();
    this.store.clear();
    this.subscribe();
    return this.install(identity);
  }

  /** Renews under the site's current root with a new key. */
  async renew(): Promise<Identity> {
    this.requireRegistered('renew');
    const key = await this.keys.take();
    const certificate = this.ems.renew(this.uid, createCsr({ subject: { CN: this.uid }, key }));
    this.store.clear();
    return this.install({ certificate, key });
  }

  /** New key, CSR with the UID as CN, certificate from EMS. */
  private async enrol(): Promise<Identity> {
    const key = await this.keys.take();
    const csr = createCsr({ subject: { CN: this.uid }, key });
    const { name: _name, userAgent: _ua, ...registration } = this.profile;
    return { certificate: this.ems.register({ ...registration, csr }), key };
  }

  private subscribe(): void {
    this.unsubscribe ??= this.ems.onRootChange((site) =>
      site === this.profile.site ? this.renew().then(() => undefined) : Promise.resolve(),
    );
  }

  private install(identity: Identity): Identity {
    this.store.install(identity);
    this.history.push(identity);
    return identity;
  }

  private requireRegistered(action: string): void {
    if (!this.registered)
      throw new HarnessError('INVALID_STATE', `${this.profile.name} cannot ${action}: it is not registered`);
  }
}
