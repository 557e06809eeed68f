import type { VirtualClock } from '../clock';
import type { Ems, EmsSnapshot } from '../ems';
import type { EndpointRecord, Gateway, GatewaySync } from '../gateway';
import { type Certificate, verifyChain } from '../pki';
import { DEFAULT_OUT_OF_SYNC_THRESHOLD_MS } from '../ztna-identifiers';

/** Where the connector stands, and why. */
export interface LinkStatus {
  readonly state: 'up' | 'down' | 'untrusted';
  readonly detail: string;
  readonly lastSyncAt?: number;
}

export interface FabricLinkOptions {
  readonly ems: Ems;
  readonly gateway: Gateway;
  readonly clock: VirtualClock;
  /** The EMS site (tenant) this connector syncs. */
  readonly site: string;
  /** The gateway's `verifying-ca` for EMS's server certificate; empty means nothing is trusted. */
  readonly verifyingCas: readonly Certificate[];
  readonly syncDelayMs?: number;
  /** `out-of-sync-threshold`, 180 s by default. */
  readonly outOfSyncThresholdMs?: number;
}

/**
 * The Security Fabric connector from EMS to one gateway. It verifies EMS's SSL certificate
 * before any sync (an untrusted one means no sync at all), then pushes a snapshot of the site
 * on every EMS change, after the configured delay. It can be taken down and restored.
 *
 * Syncs are full snapshots numbered in the order they were taken, and the gateway only ever
 * applies a newer one: when the delay shrinks, or a restore resyncs while an older delayed
 * sync is still on its way, the older one arriving later must not undo a revocation.
 */
export class FabricLink {
  private current: LinkStatus = { state: 'down', detail: 'not connected yet' };
  private delayMs: number;
  private threshold: number;
  /** Number of the last snapshot taken, and of the last one the gateway applied. */
  private taken = 0;
  private applied = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: FabricLinkOptions) {
    this.delayMs = options.syncDelayMs ?? 0;
    this.threshold = options.outOfSyncThresholdMs ?? DEFAULT_OUT_OF_SYNC_THRESHOLD_MS;
    this.unsubscribe = options.ems.onChange((site) => site === options.site && this.changed());
  }

  get status(): LinkStatus {
    return this.current;
  }

  get thresholdMs(): number {
    return this.threshold;
  }

  /** `set out-of-sync-threshold` (in ms here; FortiOS takes seconds). */
  setOutOfSyncThreshold(ms: number): void {
    this.threshold = ms;
    this.options.gateway.setOutOfSyncThreshold(ms);
  }

  /** Verifies EMS's server certificate (`execute fctems verify`) and, if trusted, syncs at once. */
  connect(): LinkStatus {
    const { ems, clock, verifyingCas } = this.options;
    if (!ems.reachable) {
      this.current = { ...this.current, state: 'down', detail: 'EMS unreachable; no sync' };
      this.options.gateway.connectorLost(this.thresholdMs);
      return this.current;
    }
    const verified = verifyChain(ems.ssl.server, verifyingCas, clock.now(), 'serverAuth');
    if (!verified.ok) {
      this.current = {
        state: 'untrusted',
        detail: `EMS server certificate not verified: ${verified.failure}; no sync`,
      };
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
    this.current = { ...this.current, state: 'down', detail: reason };
    this.options.gateway.connectorLost(this.thresholdMs);
  }

  /** Restores the link; it verifies again and resyncs in full. */
  restore(): LinkStatus {
    return this.connect();
  }

  /** Delays every later sync by `ms` of virtual time. */
  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  /** The same link (state, delay, threshold) between the EMS and gateway of a forked lab. */
  fork(parts: Pick<FabricLinkOptions, 'ems' | 'gateway' | 'clock'>): FabricLink {
    const copy = new FabricLink({
      ...this.options,
      ...parts,
      syncDelayMs: this.delayMs,
      outOfSyncThresholdMs: this.threshold,
    });
    copy.current = this.current;
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
