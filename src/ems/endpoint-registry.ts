import { HarnessError } from '../errors';

/** What EMS knows of one endpoint. */
export interface EndpointEntry {
  readonly uid: string;
  readonly site: string;
  /** The current certificate's SN, or 40 zeros when the endpoint holds none. */
  readonly certSn: string;
  readonly status: 'registered' | 'unregistered';
  readonly online: boolean;
  readonly tags: readonly string[];
  readonly hostName: string;
  readonly os: string;
  readonly ip: string;
  readonly mac: string;
}

/** EMS's endpoint registry: UID → entry. Entries are replaced, never mutated. */
export class EndpointRegistry {
  private readonly entries = new Map<string, EndpointEntry>();

  get(uid: string): EndpointEntry | undefined {
    return this.entries.get(uid);
  }

  /** The entry for `uid`; a missing one is a NOT_FOUND error. */
  require(uid: string): EndpointEntry {
    const entry = this.entries.get(uid);
    if (!entry) throw new HarnessError('NOT_FOUND', `EMS has no endpoint with UID ${uid}`);
    return entry;
  }

  put(entry: EndpointEntry): void {
    this.entries.set(entry.uid, entry);
  }

  update(uid: string, patch: Partial<Omit<EndpointEntry, 'uid'>>): EndpointEntry {
    const next = { ...this.require(uid), ...patch };
    this.entries.set(uid, next);
    return next;
  }

  /** Forgets every entry (a registry rebuilt from scratch). */
  clear(): void {
    this.entries.clear();
  }

  /** Entries of one site, or all. */
  list(site?: string): EndpointEntry[] {
    const all = [...this.entries.values()];
    return site === undefined ? all : all.filter((e) => e.site === site);
  }
}
