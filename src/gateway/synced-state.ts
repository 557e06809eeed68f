import type { Certificate } from '../pki';

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

let lastGeneration = 0;
/** A number no port of this process had before, so that a cache shared by forks never mixes two states up. */
const nextGeneration = (): number => ++lastGeneration;

/**
 * Port: the ZTNA roots a client certificate must chain to. The gateway reads it; only the fabric
 * (through `Gateway.applySync`) writes it.
 */
export interface TrustAnchors {
  readonly roots: readonly SyncedRoot[];
  /** Changes whenever the roots or their revoked flags do: what a cached verification was made against. */
  readonly generation: number;
  replace(roots: readonly SyncedRoot[]): void;
}

/** Port: the synced endpoint records, by UID. */
export interface EndpointRecords {
  get(uid: string): EndpointRecord | undefined;
  readonly size: number;
  values(): IterableIterator<EndpointRecord>;
  /** Changes with every write: what a cached record lookup was made at. */
  readonly generation: number;
  replace(records: readonly EndpointRecord[]): void;
}

/** Port: the client-certificate serials EMS revoked, as synced. */
export interface Revocations {
  isRevoked(serial: string): boolean;
  serials(): IterableIterator<string>;
  /** Changes with every write: what a cached revocation lookup was made at. */
  readonly generation: number;
  replace(serials: readonly string[]): void;
}

/** The trust anchors in memory; a sync with the same roots keeps the generation (and every cached verification). */
export class MemoryTrustAnchors implements TrustAnchors {
  roots: readonly SyncedRoot[] = [];
  generation = nextGeneration();

  replace(roots: readonly SyncedRoot[]): void {
    if (!sameRoots(this.roots, roots)) this.generation = nextGeneration();
    this.roots = roots;
  }
}

/** The endpoint records in memory: O(1) lookups by UID. */
export class MemoryEndpointRecords implements EndpointRecords {
  generation = nextGeneration();
  private readonly byUid = new Map<string, EndpointRecord>();

  get(uid: string): EndpointRecord | undefined {
    return this.byUid.get(uid);
  }

  get size(): number {
    return this.byUid.size;
  }

  values(): IterableIterator<EndpointRecord> {
    return this.byUid.values();
  }

  replace(records: readonly EndpointRecord[]): void {
    this.byUid.clear();
    for (const record of records) this.byUid.set(record.uid, record);
    this.generation = nextGeneration();
  }
}

/** The revoked serials in memory: O(1) lookups by serial. */
export class MemoryRevocations implements Revocations {
  generation = nextGeneration();
  private revoked = new Set<string>();

  isRevoked(serial: string): boolean {
    return this.revoked.has(serial);
  }

  serials(): IterableIterator<string> {
    return this.revoked.values();
  }

  replace(serials: readonly string[]): void {
    this.revoked = new Set(serials);
    this.generation = nextGeneration();
  }
}

const sameRoots = (a: readonly SyncedRoot[], b: readonly SyncedRoot[]): boolean =>
  a.length === b.length &&
  a.every(
    (root, i) => root.certificate.fingerprint === b[i]!.certificate.fingerprint && root.revoked === b[i]!.revoked,
  );
