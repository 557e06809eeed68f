import { SkewedClock, VirtualClock } from '../clock';
import { Ems, newUid } from '../ems';
import { HarnessError } from '../errors';
import { FabricLink } from '../fabric';
import { FortiClient } from '../forticlient';
import { Gateway } from '../gateway';
import { KeySource, Random, SeededRandom, sharedKeyPool } from '../pki';
import { DEFAULT_GATEWAY, DESKTOP_USER_AGENT, EndpointSpec, GatewaySpec, LabSpec, LinkSpec } from './lab-spec';

/** What a caller may override when building a lab (tests swap parts here). */
export interface LabOverrides {
  readonly keys?: KeySource;
  readonly random?: Random;
}

/** A wired lab: one EMS, its endpoints, gateways and fabric links, on one virtual clock. */
export class Lab {
  private readonly endpointMap = new Map<string, FortiClient>();
  private readonly gatewayMap = new Map<string, Gateway>();
  private readonly linkMap = new Map<string, FabricLink>();
  private readonly gatewaySites = new Map<string, string>();
  private ipCounter = 0;

  private constructor(
    readonly spec: LabSpec,
    readonly clock: VirtualClock,
    readonly ems: Ems,
    readonly random: Random,
    readonly keys: KeySource,
  ) {}

  /** Builds the lab from its spec: EMS and sites, gateways, registered endpoints, then the links. */
  static async create(spec: LabSpec, overrides: LabOverrides = {}): Promise<Lab> {
    const clock = new VirtualClock(spec.clockStart === undefined ? Date.UTC(2026, 0, 1) : new Date(spec.clockStart).getTime());
    const random = overrides.random ?? new SeededRandom(spec.seed ?? 'ztna-harness');
    const keys = overrides.keys ?? sharedKeyPool();
    const ems = await Ems.create({ clock, random, keys, serial: spec.ems?.serial, hostName: spec.ems?.hostName, clientCertificateDays: spec.ems?.clientCertificateDays, sites: spec.sites });
    const lab = new Lab(spec, clock, ems, random, keys);
    for (const gateway of spec.gateways ?? [DEFAULT_GATEWAY]) lab.addGateway(gateway);
    for (const endpoint of spec.endpoints ?? []) await lab.addEndpoint(endpoint);
    // Links connect last, so a lab starts fully synced whatever delay its links have.
    for (const gateway of lab.gatewayMap.values()) lab.addLink(spec.links?.find((l) => l.gateway === gateway.name) ?? { gateway: gateway.name });
    return lab;
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
    if (this.endpointMap.has(spec.name)) throw new HarnessError('BAD_INPUT', `the lab already has an endpoint named "${spec.name}"`);
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
        mac: spec.mac ?? `02:09:0f:00:${((n >> 8) & 0xff).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}`,
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

  /** Stops every link listening to EMS. */
  close(): void {
    for (const link of this.linkMap.values()) link.close();
  }

  /** Adds a gateway with its fabric link to a running lab. */
  addGatewayWithLink(spec: GatewaySpec, link: Omit<LinkSpec, 'gateway'> = {}): Gateway {
    this.addGateway(spec);
    this.addLink({ ...link, gateway: spec.name });
    return this.gateway(spec.name);
  }

  private addGateway(spec: GatewaySpec): void {
    if (this.gatewayMap.has(spec.name)) throw new HarnessError('BAD_INPUT', `the lab already has a gateway named "${spec.name}"`);
    const clock = spec.clockSkewMs ? new SkewedClock(this.clock, spec.clockSkewMs) : this.clock;
    this.gatewaySites.set(spec.name, spec.site ?? 'default');
    this.gatewayMap.set(spec.name, new Gateway({ name: spec.name, serial: spec.serial, clock, settings: spec.settings, rules: spec.rules }));
  }

  private addLink(spec: LinkSpec): void {
    const gateway = this.gateway(spec.gateway);
    const site = this.gatewaySites.get(gateway.name) ?? 'default';
    this.ems.site(site); // fails early, naming the sites, when the gateway names an unknown one
    const link = new FabricLink({
      ems: this.ems,
      gateway,
      clock: this.clock,
      site,
      verifyingCas: spec.trustEmsCertificate === false ? [] : [this.ems.ssl.ca],
      syncDelayMs: spec.syncDelayMs,
      outOfSyncThresholdMs: spec.outOfSyncThresholdMs,
    });
    this.linkMap.set(gateway.name, link);
    if (spec.up !== false) link.connect();
  }

  private find<T>(map: Map<string, T>, name: string, what: string): T {
    const found = map.get(name);
    if (found === undefined) throw new HarnessError('NOT_FOUND', `the lab has no ${what} named "${name}" (known: ${[...map.keys()].join(', ') || 'none'})`);
    return found;
  }

  private first<T>(map: Map<string, T>, what: string): T {
    const [first] = map.values();
    if (first === undefined) throw new HarnessError('NOT_FOUND', `the lab has no ${what}`);
    return first;
  }
}

/** Builds a lab from a spec: the one composition root of the engine. */
export const createLab = (spec: LabSpec = {}, overrides?: LabOverrides): Promise<Lab> => Lab.create(spec, overrides);
