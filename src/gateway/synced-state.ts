import { Certificate } from '../pki';

/** An endpoint record as FortiGate keeps it after a sync (`diagnose endpoint record list`). */
export interface EndpointRecord {
  readonly uid: string;
  /** 40 hex characters; all zeros when the endpoint holds no ZTNA certificate. */
  readonly certSn: string;
  readonly emsSerial: string;
  readonly tenantId: string;
  readonly online: boolean;
  readonly registered: boolean;
  readonly tags: readonly string[];
  readonly hostName: string;
  readonly os: string;
  readonly ip: string;
  readonly mac: string;
}

/** A ZTNA root the gateway learnt from EMS; a revoked one still identifies what it signed. */
export interface SyncedRoot {
  readonly certificate: Certificate;
  readonly revoked: boolean;
}

/** Everything one sync delivers; it replaces what the gateway had from that EMS. */
export interface GatewaySync {
  readonly roots: readonly SyncedRoot[];
  readonly records: readonly EndpointRecord[];
  readonly revokedSerials: readonly string[];
}

/** Port: the ZTNA roots a client certificate must chain to. */
export interface TrustAnchors {
  readonly roots: readonly SyncedRoot[];
  /** Bumped on every change, so cached verifications can tell they are stale. */
  readonly version: number;
}

/** Port: the synced endpoint records, by UID. */
export interface EndpointRecords {
  get(uid: string): EndpointRecord | undefined;
  readonly size: number;
  values(): IterableIterator<EndpointRecord>;
}

/** Port: the serials EMS revoked, as synced. */
export interface Revocations {
  has(serial: string): boolean;
}

let lastGeneration = 0;
/** A number no state of this process had before, so that a cache shared by forks never mixes two states up. */
const nextGeneration = (): number => ++lastGeneration;

/** The gateway's in-memory copy of what the fabric synced: O(1) lookups by UID and by serial. */
export class SyncedState implements TrustAnchors, Revocations {
  roots: readonly SyncedRoot[] = [];
  version = 0;
  /** Changes whenever the roots or their revoked flags do: what a cached verification was made against. */
  anchorsGeneration = nextGeneration();
  /** Changes with every sync (its records and revoked serials): what a cached record lookup was made at. */
  syncGeneration = nextGeneration();
  private readonly recordMap = new Map<string, EndpointRecord>();
  private revoked = new Set<string>();

  has(serial: string): boolean {
    return this.revoked.has(serial);
  }

  /** Replaces the state with a sync's content. */
  apply(sync: GatewaySync): void {
    if (!sameRoots(this.roots, sync.roots)) {
      this.version++;
      this.anchorsGeneration = nextGeneration();
    }
    this.roots = sync.roots;
    this.recordMap.clear();
    for (const record of sync.records) this.recordMap.set(record.uid, record);
    this.revoked = new Set(sync.revokedSerials);
    this.syncGeneration = nextGeneration();
  }

  /** The records by UID; only a sync changes them. */
  get records(): ReadonlyMap<string, EndpointRecord> {
    return this.recordMap;
  }

  /** What the state holds, as one sync would deliver it (a forked lab starts from it). */
  contents(): GatewaySync {
    return { roots: this.roots, records: [...this.records.values()], revokedSerials: [...this.revoked] };
  }

  /** Forgets everything, as a restarted gateway does until the next sync. */
  clear(): void {
    this.apply({ roots: [], records: [], revokedSerials: [] });
  }
}

const sameRoots = (a: readonly SyncedRoot[], b: readonly SyncedRoot[]): boolean =>
  a.length === b.length && a.every((root, i) => root.certificate.fingerprint === b[i]!.certificate.fingerprint && root.revoked === b[i]!.revoked);
