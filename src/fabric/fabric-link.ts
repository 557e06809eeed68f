import type { VirtualClock } from '../clock';
import type { Ems, EmsSnapshot } from '../ems';
import { HarnessError } from '../errors';
import type { EndpointRecord, Gateway, GatewaySync } from '../gateway';
import type { Certificate } from '../pki';
import { DEFAULT_OUT_OF_SYNC_THRESHOLD_MS } from '../ztna-identifiers';
import { type ConnectorFailure, type ConnectorSettings, checkConnector } from './connector-checks';

/** Where the connector stands, and why. */
export interface LinkStatus {
  readonly state: 'up' | 'down' | 'untrusted';
  readonly detail: string;
  readonly lastSyncAt?: number;
  /** FortiOS's `dirty-reason` of the connector entry, when it has one for the failure. */
  readonly dirtyReason?: ConnectorFailure['dirtyReason'];
}

/** `out-of-sync-threshold` as the FortiOS CLI bounds it, in seconds (schemas/scenario.schema.json agrees). */
export const OUT_OF_SYNC_THRESHOLD_RANGE = { min: 10, max: 3600 } as const;

export interface FabricLinkOptions {
  readonly ems: Ems;
  readonly gateway: Gateway;
  readonly clock: VirtualClock;
  /** The EMS site (tenant) this connector syncs. */
  readonly site: string;
  /**
   * The FortiGate's CA certificates by name (`config vpn certificate ca`), that EMS's server
   * certificate is verified with; none means it never verifies.
   */
  readonly caCertificates: ReadonlyMap<string, Certificate>;
  /** The gateway's `endpoint-control fctems` settings (status, pinning, verifying-ca). */
  readonly connector?: ConnectorSettings;
  readonly syncDelayMs?: number;
  /** `out-of-sync-threshold`, 180 s by default. */
  readonly outOfSyncThresholdMs?: number;
}

/**
 * The Security Fabric connector from EMS to one gateway. Before any sync it checks what FortiOS
 * checks (connector-checks.ts: status, EMS reachable, EMS's server certificate, pinned serial and
 * tenant); any failure means no sync at all. Once up it pushes a snapshot of the site on every
 * EMS change, after the configured delay. It can be taken down, restored and reconfigured.
 *
 * Syncs are full snapshots numbered in the order they were taken, and the gateway only ever
 * applies a newer one: when the delay shrinks, or a restore resyncs while an older delayed
 * sync is still on its way, the older one arriving later must not undo a revocation.
 */
export class FabricLink {
  private current: LinkStatus = { state: 'down', detail: 'not connected yet' };
  private delayMs: number;
  private threshold: number;
  private settings: ConnectorSettings;
  /** A fabric outage is on: nothing connects until `restore`, whatever the settings. */
  private outage = false;
  /** Number of the last snapshot taken, and of the last one the gateway applied. */
  private taken = 0;
  private applied = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: FabricLinkOptions) {
    this.delayMs = options.syncDelayMs ?? 0;
    this.threshold = options.outOfSyncThresholdMs ?? DEFAULT_OUT_OF_SYNC_THRESHOLD_MS;
    this.settings = options.connector ?? {};
    this.unsubscribe = options.ems.onChange((site) => site === options.site && this.changed());
  }

  get status(): LinkStatus {
    return this.current;
  }

  get thresholdMs(): number {
    return this.threshold;
  }

  /** The connector settings in force. */
  get connector(): ConnectorSettings {
    return this.settings;
  }

  /**
   * `set out-of-sync-threshold` (in ms here; FortiOS takes seconds and refuses values outside
   * 10–3600, https://docs.fortinet.com/document/fortigate/7.6.0/cli-reference/792766782).
   */
  setOutOfSyncThreshold(ms: number): void {
    const { min, max } = OUT_OF_SYNC_THRESHOLD_RANGE;
    if (!Number.isInteger(ms / 1000) || ms < min * 1000 || ms > max * 1000)
      throw new HarnessError(
        'BAD_INPUT',
        `out-of-sync-threshold must be a whole number of seconds from ${min} to ${max}, not ${ms / 1000}`,
      );
    this.threshold = ms;
    this.options.gateway.setOutOfSyncThreshold(ms);
  }

  /**
   * Changes the connector settings (`config endpoint-control fctems` … `end`); as on FortiOS the
   * connector then connects again with them, unless a fabric outage is on.
   */
  configure(changes: ConnectorSettings): LinkStatus {
    this.settings = { ...this.settings, ...changes };
    return this.outage ? this.current : this.connect();
  }

  /** Checks the connector against EMS (`execute fctems verify` and what follows) and, if it passes, syncs at once. */
  connect(): LinkStatus {
    const { ems, clock, caCertificates, site } = this.options;
    const failure = checkConnector({
      settings: this.settings,
      caCertificates,
      now: clock.now(),
      ems: {
        reachable: ems.reachable,
        serverCertificate: ems.ssl.server,
        serial: ems.serial,
        tenantId: ems.site(site).tenantId,
        site,
      },
    });
    if (failure) {
      const { lastSyncAt } = this.current;
      this.current = { ...failure, ...(lastSyncAt === undefined ? {} : { lastSyncAt }) };
      this.options.gateway.connectorLost(this.thresholdMs);
      return this.current;
    }
    this.current = { state: 'up', detail: 'connected; EMS server certificate verified' };
    this.deliver(this.snapshot());
    return this.current;
  }

  /** A fabric outage: nothing reaches the gateway until `restore`. */
  takeDown(reason = 'fabric connection down'): void {
    if (this.current.state !== 'up') return;
    this.outage = true;
    this.current = { ...this.current, state: 'down', detail: reason };
    this.options.gateway.connectorLost(this.thresholdMs);
  }

  /** Ends an outage; the connector checks EMS again and resyncs in full. */
  restore(): LinkStatus {
    this.outage = false;
    return this.connect();
  }

  /** Delays every later sync by `ms` of virtual time. */
  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  /** The same link (state, settings, delay, threshold) between the EMS and gateway of a forked lab. */
  fork(parts: Pick<FabricLinkOptions, 'ems' | 'gateway' | 'clock'>): FabricLink {
    const copy = new FabricLink({
      ...this.options,
      ...parts,
      connector: this.settings,
      syncDelayMs: this.delayMs,
      outOfSyncThresholdMs: this.threshold,
    });
    copy.current = this.current;
    copy.outage = this.outage;
    copy.taken = this.taken;
    copy.applied = this.applied;
    return copy;
  }

  /** Stops listening to EMS (the lab is torn down). */
  close(): void {
    this.unsubscribe();
  }

  private changed(): void {
    if (this.current.state !== 'up') return;
    const snapshot = this.snapshot();
    const { clock } = this.options;
    clock.schedule(clock.now() + this.delayMs, () => this.current.state === 'up' && this.deliver(snapshot));
  }

  private snapshot(): { readonly number: number; readonly sync: GatewaySync } {
    return { number: ++this.taken, sync: toGatewaySync(this.options.ems.snapshot(this.options.site)) };
  }

  private deliver({ number, sync }: { readonly number: number; readonly sync: GatewaySync }): void {
    if (number <= this.applied) return;
    this.applied = number;
    this.options.gateway.applySync(sync);
    this.current = { ...this.current, lastSyncAt: this.options.clock.now() };
  }
}

/** Maps EMS's view of a site to what FortiGate stores. */
function toGatewaySync(snapshot: EmsSnapshot): GatewaySync {
  return {
    roots: snapshot.roots.map((root) => ({ certificate: root.certificate, revoked: root.status === 'revoked' })),
    records: snapshot.endpoints.map(
      (entry): EndpointRecord => ({
        uid: entry.uid,
        certSn: entry.certSn,
        emsSerial: snapshot.emsSerial,
        tenantId: snapshot.tenantId,
        online: entry.online,
        registered: entry.status === 'registered',
        tags: entry.tags,
        hostName: entry.hostName,
        os: entry.os,
        ip: entry.ip,
        mac: entry.mac,
      }),
    ),
    revokedSerials: snapshot.revokedSerials,
  };
}
