import { randomBytes } from 'node:crypto';
import { SkewedClock, VirtualClock } from '../clock';
import { Ems, newUid, type RegistryOnRestart } from '../ems';
import { HarnessError } from '../errors';
import { EMS_SSL_CA_NAME, FabricLink } from '../fabric';
import { FortiClient } from '../forticlient';
import { Gateway } from '../gateway';
import { KeyLease, type KeySource, type Random, SeededRandom, sharedKeyPool } from '../pki';
import { checkSkew, clockStartOf } from './lab-clock';
import {
  DEFAULT_GATEWAY,
  DESKTOP_USER_AGENT,
  type EndpointSpec,
  type GatewaySpec,
  type LabSpec,
  type LinkSpec,
} from './lab-definition';

/** What a caller may override when building a lab (tests swap parts here). */
export interface LabOverrides {
  /** Where the lab's keys come from (default: the process-wide pool; `freshKeys()` for what leaves the process). */
  readonly keys?: KeySource;
  readonly random?: Random;
}

/** A wired lab: one EMS, its endpoints, gateways and fabric links, on one virtual clock. */
export class Lab {
  private readonly endpointMap = new Map<string, FortiClient>();
  private readonly gatewayMap = new Map<string, Gateway>();
  private readonly linkMap = new Map<string, FabricLink>();
  private readonly gatewaySites = new Map<string, string>();
  private readonly gatewayClocks = new Map<string, SkewedClock>();
  /** Gateways whose link EMS's restart took down, restored when it is back. */
  private downForEms: string[] = [];
  private ipCounter = 0;
  private forks = 0;
  private disposed = false;

  private constructor(
    readonly spec: LabSpec,
    readonly clock: VirtualClock,
    readonly ems: Ems,
    readonly random: Random,
    /** Every key the lab (and its forks) took; they go back to their source when the lab is disposed. */
    readonly keys: KeyLease,
  ) {}

  /** Builds the lab from its spec: EMS and sites, gateways, registered endpoints, then the links. */
  static async create(spec: LabSpec, overrides: LabOverrides = {}): Promise<Lab> {
    const clock = new VirtualClock(clockStartOf(spec));
    const random = overrides.random ?? new SeededRandom(spec.seed ?? defaultSeed());
    const keys = new KeyLease(overrides.keys ?? sharedKeyPool());
    try {
      const ems = await Ems.create({
        clock,
        random,
        keys,
        serial: spec.ems?.serial,
        hostName: spec.ems?.hostName,
        clientCertificateDays: spec.ems?.clientCertificateDays,
        sites: spec.sites,
      });
      const lab = new Lab(spec, clock, ems, random, keys);
      for (const gateway of spec.gateways ?? [DEFAULT_GATEWAY]) lab.addGateway(gateway);
      for (const endpoint of spec.endpoints ?? []) await lab.addEndpoint(endpoint);
      // Links connect last, so a lab starts fully synced whatever delay its links have.
      for (const gateway of lab.gatewayMap.values())
        lab.addLink(spec.links?.find((l) => l.gateway === gateway.name) ?? { gateway: gateway.name });
      return lab;
    } catch (error) {
      keys.end(); // a lab that could not be built has issued nothing anyone holds
      throw error;
    }
  }

  /**
   * The seed of the lab's randomness (UIDs, serials), to replay it with `seed:`; undefined when a
   * caller passed its own Random. A spec without a seed gets a fresh one per lab, so that two labs
   * (parallel workers, or two runs whose certificates meet one proxy) never issue the same serials.
   */
  get seed(): string | undefined {
    return this.random instanceof SeededRandom ? this.random.seed : undefined;
  }

  /** The endpoint named `name`. */
  endpoint(name: string): FortiClient {
    return this.find(this.endpointMap, name, 'endpoint');
  }

  /** The gateway named `name`, or the only/first one. */
  gateway(name?: string): Gateway {
    return name === undefined ? this.first(this.gatewayMap, 'gateway') : this.find(this.gatewayMap, name, 'gateway');
  }

  /** The fabric link of the gateway named `name`, or of the first gateway. */
  link(name?: string): FabricLink {
    return this.find(this.linkMap, name ?? this.gateway().name, 'fabric link');
  }

  get endpoints(): readonly FortiClient[] {
    return [...this.endpointMap.values()];
  }

  get gateways(): readonly Gateway[] {
    return [...this.gatewayMap.values()];
  }

  /** Adds an endpoint and, unless `registered: false`, registers it with EMS. */
  async addEndpoint(spec: EndpointSpec): Promise<FortiClient> {
    if (this.endpointMap.has(spec.name))
      throw new HarnessError('BAD_INPUT', `the lab already has an endpoint named "${spec.name}"`);
    const n = ++this.ipCounter;
    const agent = new FortiClient(
      {
        name: spec.name,
        uid: spec.uid ?? newUid(this.random),
        site: spec.site ?? 'default',
        os: spec.os ?? 'Microsoft Windows 11 Professional Edition, 64-bit',
        userAgent: spec.userAgent ?? DESKTOP_USER_AGENT,
        hostName: spec.hostName ?? spec.name,
        ip: spec.ip ?? `10.0.${1 + (n >> 8)}.${n & 0xff}`,
        mac:
          spec.mac ??
          `02:09:0f:00:${((n >> 8) & 0xff).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}`,
        tags: spec.tags,
      },
      this.ems,
      this.keys,
    );
    this.endpointMap.set(spec.name, agent);
    if (spec.registered !== false) {
      await agent.register();
      if (spec.online === false) this.ems.setOnline(agent.uid, false);
    }
    return agent;
  }

  /**
   * Restarts a gateway: its synced state is lost at once, and its fabric connector reconnects
   * (verifying EMS again and resyncing) `reconnectAfterMs` of virtual time later.
   */
  restartGateway(name?: string, reconnectAfterMs = 5_000): void {
    const gateway = this.gateway(name);
    const link = this.link(gateway.name);
    link.takeDown('access proxy restarting');
    gateway.restart();
    this.clock.schedule(this.clock.now() + reconnectAfterMs, () => link.status.state === 'down' && link.restore());
  }

  /**
   * Sets the offset of a gateway's clock from EMS's (negative: the gateway is behind). Validity
   * and the out-of-sync threshold are judged on the gateway's clock.
   */
  setClockSkew(gatewayName: string | undefined, skewMs: number): void {
    this.gatewayClocks.get(this.gateway(gatewayName).name)!.skewMs = checkSkew(skewMs);
  }

  /** EMS goes down for a restart: every connector that was up loses it; admin actions are refused. */
  stopEms(): void {
    this.ems.stop();
    for (const [name, link] of this.linkMap) {
      if (link.status.state !== 'up') continue;
      link.takeDown('EMS is restarting');
      this.downForEms.push(name);
    }
  }

  /**
   * EMS is back: the connectors it took down reconnect and resync in full. With a `rebuilt`
   * registry every endpoint that was registered registers again (new key, CSR and certificate).
   */
  async startEms(registry: RegistryOnRestart): Promise<void> {
    this.ems.start(registry);
    for (const name of this.downForEms.splice(0)) if (this.link(name).status.state !== 'up') this.link(name).restore();
    if (registry === 'rebuilt')
      for (const endpoint of this.endpoints) if (endpoint.registered) await endpoint.reconnect();
  }

  /**
   * An independent copy of the lab in its current state that shares every certificate and key
   * made so far: no signature and no key generation, so tests can run thousands of variations
   * from one expensive setup. Refused while fabric deliveries or reconnects are still scheduled.
   */
  fork(): Lab {
    this.checkAlive();
    if (this.clock.pending > 0)
      throw new HarnessError('INVALID_STATE', 'cannot fork a lab while fabric deliveries or reconnects are scheduled');
    const clock = new VirtualClock(this.clock.now());
    const random =
      this.random instanceof SeededRandom ? new SeededRandom(`${this.random.seed}/fork-${++this.forks}`) : this.random;
    const ems = this.ems.fork({ clock, random });
    const lab = new Lab(this.spec, clock, ems, random, this.keys.share());
    lab.ipCounter = this.ipCounter;
    for (const [name, agent] of this.endpointMap) lab.endpointMap.set(name, agent.fork(ems, this.keys));
    for (const [name, gateway] of this.gatewayMap) {
      const gatewayClock = new SkewedClock(clock, this.gatewayClocks.get(name)!.skewMs);
      lab.gatewayClocks.set(name, gatewayClock);
      lab.gatewaySites.set(name, this.gatewaySites.get(name)!);
      lab.gatewayMap.set(name, gateway.fork(gatewayClock));
    }
    for (const [name, link] of this.linkMap)
      lab.linkMap.set(name, link.fork({ ems, gateway: lab.gatewayMap.get(name)!, clock }));
    lab.downForEms = [...this.downForEms];
    return lab;
  }

  /** Stops every link listening to EMS. */
  close(): void {
    for (const link of this.linkMap.values()) link.close();
  }

  /**
   * Ends the lab: closes it and gives its keys back for the next lab (once its forks are disposed
   * too). Only when nothing of the lab is used any more — its certificates, identities and the
   * targets built on it — since a later lab may hold the same keys; the lab refuses use after it.
   */
  dispose(): void {
    if (this.disposed) return;
    this.close();
    this.disposed = true;
    this.keys.end();
  }

  /** Adds a gateway with its fabric link to a running lab. */
  addGatewayWithLink(spec: GatewaySpec, link: Omit<LinkSpec, 'gateway'> = {}): Gateway {
    this.addGateway(spec);
    this.addLink({ ...link, gateway: spec.name });
    return this.gateway(spec.name);
  }

  private checkAlive(): void {
    if (this.disposed)
      throw new HarnessError('INVALID_STATE', 'the lab was disposed: its keys may belong to another lab now');
  }

  private addGateway(spec: GatewaySpec): void {
    if (this.gatewayMap.has(spec.name))
      throw new HarnessError('BAD_INPUT', `the lab already has a gateway named "${spec.name}"`);
    const clock = new SkewedClock(this.clock, checkSkew(spec.clockSkewMs ?? 0));
    this.gatewayClocks.set(spec.name, clock);
    this.gatewaySites.set(spec.name, spec.site ?? 'default');
    this.gatewayMap.set(
      spec.name,
      new Gateway({
        name: spec.name,
        serial: spec.serial,
        clock,
        settings: spec.settings,
        ...(spec.objects ? { objects: spec.objects } : { rules: spec.rules }),
        users: spec.users,
        version: spec.version,
      }),
    );
  }

  /**
   * Wires a gateway's connector to EMS. The gateway holds EMS's SSL CA as the CA certificate
   * `EMS_SSL_CA` (what `verifying-ca` may name) unless the lab says it does not trust it.
   */
  private addLink(spec: LinkSpec): void {
    const gateway = this.gateway(spec.gateway);
    const site = this.gatewaySites.get(gateway.name) ?? 'default';
    this.ems.site(site); // fails early, naming the sites, when the gateway names an unknown one
    const link = new FabricLink({
      ems: this.ems,
      gateway,
      clock: this.clock,
      site,
      caCertificates: new Map(spec.trustEmsCertificate === false ? [] : [[EMS_SSL_CA_NAME, this.ems.ssl.ca]]),
      ...(spec.connector ? { connector: spec.connector } : {}),
      syncDelayMs: spec.syncDelayMs,
      outOfSyncThresholdMs: spec.outOfSyncThresholdMs,
    });
    this.linkMap.set(gateway.name, link);
    if (spec.up !== false) link.connect();
  }

  private find<T>(map: Map<string, T>, name: string, what: string): T {
    this.checkAlive();
    const found = map.get(name);
    if (found === undefined)
      throw new HarnessError(
        'NOT_FOUND',
        `the lab has no ${what} named "${name}" (known: ${[...map.keys()].join(', ') || 'none'})`,
      );
    return found;
  }

  private first<T>(map: Map<string, T>, what: string): T {
    this.checkAlive();
    const [first] = map.values();
    if (first === undefined) throw new HarnessError('NOT_FOUND', `the lab has no ${what}`);
    return first;
  }
}

/** A fresh seed for a lab whose spec pins none (printed in reports so that the run can be replayed). */
const defaultSeed = (): string => `ztna-harness/${randomBytes(8).toString('hex')}`;

/** Builds a lab from a spec: the one composition root of the engine. */
export const createLab = (spec: LabSpec = {}, overrides?: LabOverrides): Promise<Lab> => Lab.create(spec, overrides);
