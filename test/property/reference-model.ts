/**
 * A reference model of DESIGN.md §1, written apart from src/: it knows no X.509, no classes of the
 * engine and none of its code, only abstract facts — which certificates exist, who holds them, which
 * root generation issued them, what EMS revoked, what the access proxy last received and when,
 * and the first ZTNA server's certificate settings. `verdict` is a pure function of that state
 * and of the gateway's access-proxy model (reference-access-proxy.ts: servers, API gateways,
 * rules); `step` applies one action. Where §1 leaves a choice open the model follows the documented harness behaviour
 * (fail closed on out-of-sync records, certificates backdated 1 h, a restarted proxy reconnecting
 * 5 s later, the newest sync winning).
 */
import {
  type Action,
  CRAFTED,
  type CraftedName,
  ENDPOINTS,
  type EndpointName,
  GATEWAY_RECONNECT_MS,
  type IdentityChoice,
  INITIAL_TAGS,
  OUT_OF_SYNC_THRESHOLD_MS,
  type Settings,
  SITE_OF,
  type SiteName,
} from './actions';
import type { AccessOutcome, AccessProxyModel, ModelRequest } from './reference-access-proxy';
import { builtinTags, classifiesDevices } from './reference-fortios';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GATEWAY_SITE: SiteName = 'default';

/** What is true of one certificate, whoever made it. Times are ms from the lab's start. */
export interface CertFacts {
  readonly id: number;
  /** The subject CN: an endpoint's UID (by endpoint name), or another label for crafted ones. */
  readonly uid: EndpointName | 'unknown' | 'not-a-uid';
  readonly issuer: { readonly site: SiteName; readonly generation: number } | 'ems-ssl-ca';
  readonly notBefore: number;
  readonly notAfter: number;
  readonly clientAuth: boolean;
  readonly isCA: boolean;
}

interface RegistryEntry {
  readonly registered: boolean;
  readonly cert: number | null;
  readonly online: boolean;
  readonly tags: readonly string[];
}

/** What one sync carries for the gateway's site. */
interface Snapshot {
  readonly emsVersion: number;
  readonly roots: ReadonlyMap<number, 'active' | 'revoked'>;
  readonly records: ReadonlyMap<string, RegistryEntry>;
  readonly revoked: ReadonlySet<number>;
}

type Scheduled = { at: number; order: number } & (
  | { kind: 'deliver'; snapshot: Snapshot; taken: number }
  | { kind: 'reconnect' }
);

export interface ModelState {
  /** The gateway's access proxy: its ZTNA servers, API gateways and rules. */
  readonly proxy: AccessProxyModel;
  now: number;
  skew: number;
  settings: Settings;
  certs: CertFacts[];
  crafted: Record<CraftedName, number>;
  roots: Record<SiteName, ('active' | 'retired' | 'revoked')[]>;
  registry: Map<EndpointName, RegistryEntry>;
  /** Revoked serials (by certificate id) with their site and the EMS version that revoked them. */
  revoked: Map<number, { site: SiteName; version: number }>;
  /** The EMS version at which a root generation stopped being active. */
  rootEnded: Map<string, number>;
  emsVersion: number;
  agents: Record<EndpointName, { registered: boolean; store: number[]; held: number[] }>;
  link: { up: boolean; delay: number; lostAt: number | undefined; taken: number; applied: number };
  /** EMS is restarting; whether its stop took the gateway's link down (it reconnects when EMS is back). */
  emsDown: boolean;
  downForEms: boolean;
  synced: Snapshot | undefined;
  queue: Scheduled[];
  order: number;
}

export type ModelError = 'NOT_FOUND' | 'INVALID_STATE';
export interface ModelVerdict extends AccessOutcome {
  /** Why, for CERT_INVALID and NO_DEVICE_INFO (the engine's `detail`). */
  readonly why?: string;
}

/**
 * The state of a freshly built lab: a, b, c registered with one certificate each, d not; the
 * crafted set; the access proxy's first ZTNA server with the certificate settings it was configured with.
 */
export function initialState(proxy: AccessProxyModel): ModelState {
  const s: ModelState = {
    proxy,
    now: 0,
    skew: 0,
    settings: { ...proxy.initialSettings, outOfSyncAction: 'deny' },
    certs: [],
    crafted: {} as Record<CraftedName, number>,
    roots: { default: ['active'], 'CUSTOMER-TEST': ['active'] },
    registry: new Map(),
    revoked: new Map(),
    rootEnded: new Map(),
    emsVersion: 0,
    agents: {} as ModelState['agents'],
    link: { up: true, delay: 0, lostAt: undefined, taken: 0, applied: 0 },
    emsDown: false,
    downForEms: false,
    synced: undefined,
    queue: [],
    order: 0,
  };
  for (const name of ENDPOINTS) s.agents[name] = { registered: false, store: [], held: [] };
  for (const name of ENDPOINTS) if (name !== 'd') register(s, name, false);
  for (const name of ENDPOINTS)
    if (INITIAL_TAGS[name]) s.registry.set(name, { ...s.registry.get(name)!, tags: INITIAL_TAGS[name]! });
  for (const name of CRAFTED) s.crafted[name] = addCert(s, craftedFacts(name));
  s.synced = snapshot(s);
  return s;
}

function craftedFacts(name: CraftedName): Omit<CertFacts, 'id'> {
  const base = {
    uid: 'a' as CertFacts['uid'],
    issuer: { site: 'default' as SiteName, generation: 1 },
    notBefore: 0,
    notAfter: 365 * DAY,
    clientAuth: true,
    isCA: false,
  };
  switch (name) {
    case 'ems-ssl-chain':
      return { ...base, issuer: 'ems-ssl-ca' };
    case 'other-site-root':
      return { ...base, issuer: { site: 'CUSTOMER-TEST', generation: 1 } };
    case 'expired':
      return { ...base, notBefore: -30 * DAY, notAfter: -DAY };
    case 'not-yet-valid':
      return { ...base, notBefore: DAY };
    case 'short-lived':
      return { ...base, notAfter: 20 * 60_000 };
    case 'server-auth-only':
      return { ...base, clientAuth: false };
    case 'ca-flag':
      return { ...base, clientAuth: false, isCA: true };
    case 'unknown-uid':
      return { ...base, uid: 'unknown' };
    case 'subject-not-a-uid':
      return { ...base, uid: 'not-a-uid' };
  }
}

const addCert = (s: ModelState, facts: Omit<CertFacts, 'id'>): number =>
  s.certs.push({ ...facts, id: s.certs.length }) - 1;

/** The certificate a request presents, or undefined for none. */
export function presented(s: ModelState, choice: IdentityChoice): CertFacts | undefined {
  switch (choice.kind) {
    case 'none':
      return undefined;
    case 'crafted':
      return s.certs[s.crafted[choice.name]];
    case 'current':
      return lastOf(s.agents[choice.endpoint].store);
    case 'held': {
      const held = s.agents[choice.endpoint].held;
      return held.length === 0 ? undefined : s.certs[held[Math.max(0, held.length - 1 - choice.back)]!];
    }
  }
  function lastOf(ids: number[]): CertFacts | undefined {
    return ids.length === 0 ? undefined : s.certs[ids[ids.length - 1]!];
  }
}

/**
 * DESIGN.md §1, client authentication: what the access proxy decides before and, through the
 * access-proxy model, after the device is known. A certificate-less device carries its release's
 * built-in tag (reference-fortios.ts).
 */
export function verdict(s: ModelState, cert: CertFacts | undefined, request: ModelRequest): ModelVerdict {
  const settings = requestSettings(s, request);
  const kind = request.mobile && settings.userAgentDetect ? 'unmanageable' : 'unknown';
  const certless = () => s.proxy.decide(request, builtinTags(kind, s.proxy.version));
  if (!settings.clientCert) return certless();
  if (!cert) {
    if (settings.emptyCertAction === 'block') return { reason: 'CERT_EMPTY' };
    if (settings.emptyCertAction === 'accept-unmanageable' && kind !== 'unmanageable')
      return { reason: 'CERT_EMPTY_MANAGEABLE' };
    return certless();
  }
  const invalid = (why: string): ModelVerdict => ({ reason: 'CERT_INVALID', why });
  const root =
    cert.issuer === 'ems-ssl-ca' || cert.issuer.site !== GATEWAY_SITE
      ? undefined
      : s.synced?.roots.get(cert.issuer.generation);
  if (!root) return invalid('untrusted-issuer');
  if (root === 'revoked') return invalid('root-revoked');
  const gatewayNow = s.now + s.skew;
  if (gatewayNow < cert.notBefore) return invalid('not-yet-valid');
  if (gatewayNow > cert.notAfter) return invalid('expired');
  if (cert.isCA) return invalid('ca-certificate');
  if (!cert.clientAuth) return invalid('not-client-auth');
  if (cert.uid === 'not-a-uid') return invalid('subject-not-a-uid');
  if (s.synced!.revoked.has(cert.id)) return { reason: 'CERT_REVOKED' };
  const record = s.synced!.records.get(cert.uid);
  if (!record) return { reason: 'NO_DEVICE_INFO', why: 'no endpoint record for the UID' };
  if (outOfSync(s) && s.settings.outOfSyncAction === 'deny')
    return { reason: 'NO_DEVICE_INFO', why: 'record-out-of-sync' };
  if (record.cert === null) return invalid('record-has-no-certificate');
  if (record.cert !== cert.id) return invalid('sn-mismatch');
  if (!record.online) return { reason: 'DEVICE_OFFLINE' };
  return s.proxy.decide(request, record.tags);
}

/** The certificate settings that apply to a request (its ZTNA server's, or on 7.6 its virtual host's). */
export const requestSettings = (s: ModelState, request: ModelRequest) =>
  s.proxy.certificateSettings(request, s.settings);

/**
 * Whether the gateway's release has the setting a `settings` action changes: accept-unmanageable
 * and user-agent-detect came with 7.2.1, and an older FortiOS refuses the command.
 */
export function settingExists(s: ModelState, patch: Partial<Settings>): boolean {
  if (classifiesDevices(s.proxy.version)) return true;
  return patch.userAgentDetect === undefined && patch.emptyCertAction !== 'accept-unmanageable';
}

/** The connector has been without EMS for at least the threshold, on the gateway's own clock. */
export const outOfSync = (s: ModelState): boolean =>
  s.link.lostAt !== undefined && s.now + s.skew - s.link.lostAt >= OUT_OF_SYNC_THRESHOLD_MS;

/**
 * Whether the gateway has been told that `cert` must not authenticate: a sync taken after EMS
 * revoked it (superseded counts) or after its root was replaced or revoked has been applied.
 */
export function knownDead(s: ModelState, cert: CertFacts): boolean {
  if (!s.synced || cert.issuer === 'ems-ssl-ca') return false;
  const revokedAt = s.revoked.get(cert.id)?.version;
  const rootEndedAt = s.rootEnded.get(`${cert.issuer.site}/${cert.issuer.generation}`);
  const deadAt = Math.min(revokedAt ?? Infinity, rootEndedAt ?? Infinity);
  return deadAt <= s.synced.emsVersion;
}

/** Applies one state-changing action; returns the error EMS or the agent reports, if any. */
export function step(s: ModelState, action: Action): ModelError | undefined {
  const emsAction = [
    'register',
    'reconnect',
    'unregister',
    'revoke',
    'set-tags',
    'set-online',
    'update-root',
    'revoke-root',
  ].includes(action.type);
  // While EMS restarts nothing reaches it; a failed action changes nothing, on EMS or on the endpoint.
  if (emsAction && s.emsDown) return 'INVALID_STATE';
  switch (action.type) {
    case 'request':
      return undefined;
    case 'register':
      return register(s, action.endpoint, false);
    case 'reconnect':
      return register(s, action.endpoint, true);
    case 'unregister': {
      const agent = s.agents[action.endpoint];
      if (!agent.registered) return 'INVALID_STATE';
      const entry = s.registry.get(action.endpoint)!;
      revoke(s, entry.cert);
      s.registry.set(action.endpoint, { ...entry, registered: false, cert: null });
      agent.store = [];
      agent.registered = false;
      return emsChanged(s, SITE_OF[action.endpoint]);
    }
    case 'revoke': {
      const entry = s.registry.get(action.endpoint);
      if (!entry) return 'NOT_FOUND';
      if (entry.cert === null) return 'INVALID_STATE';
      revoke(s, entry.cert);
      return emsChanged(s, SITE_OF[action.endpoint]);
    }
    case 'set-tags':
    case 'set-online': {
      const entry = s.registry.get(action.endpoint);
      if (!entry) return 'NOT_FOUND';
      s.registry.set(
        action.endpoint,
        action.type === 'set-tags' ? { ...entry, tags: action.tags } : { ...entry, online: action.online },
      );
      return emsChanged(s, SITE_OF[action.endpoint]);
    }
    case 'update-root':
    case 'revoke-root':
      return rootChange(s, action.site, action.type === 'update-root' ? 'retired' : 'revoked');
    case 'fabric-down':
      return takeDown(s);
    case 'fabric-up':
      return connect(s);
    case 'restart-gateway':
      takeDown(s);
      s.synced = undefined;
      schedule(s, { kind: 'reconnect' }, s.now + GATEWAY_RECONNECT_MS);
      return undefined;
    case 'ems-stop':
      s.emsDown = true;
      if (s.link.up) s.downForEms = true;
      return takeDown(s);
    case 'ems-start':
      return emsStart(s, action.registry);
    case 'sync-delay':
      s.link.delay = action.ms;
      return undefined;
    case 'skew':
      s.skew = action.ms;
      return undefined;
    case 'settings':
      s.settings = { ...s.settings, ...action.patch };
      return undefined;
    case 'advance':
      return advance(s, s.now + action.ms);
  }
}

/**
 * EMS is back. A rebuilt registry starts empty (the CA database — roots, revocations — is kept);
 * the link EMS's stop took down resyncs, then every endpoint that believes it is registered
 * registers again with a new certificate.
 */
function emsStart(s: ModelState, registry: 'persisted' | 'rebuilt'): undefined {
  if (registry === 'rebuilt') s.registry.clear();
  s.emsDown = false;
  emsChanged(s, 'default');
  emsChanged(s, 'CUSTOMER-TEST');
  if (s.downForEms && !s.link.up) connect(s);
  s.downForEms = false;
  if (registry === 'rebuilt') for (const name of ENDPOINTS) if (s.agents[name].registered) register(s, name, true);
  return undefined;
}

/** FortiClient registers (again): a new certificate from its site's active root; the previous one is superseded. */
function register(s: ModelState, name: EndpointName, clearStore: boolean): undefined {
  const agent = s.agents[name];
  const site = SITE_OF[name];
  if (clearStore) agent.store = [];
  const previous = s.registry.get(name);
  const id = issue(s, name);
  revoke(s, previous?.cert ?? null);
  s.registry.set(name, { registered: true, cert: id, online: true, tags: previous?.tags ?? [] });
  agent.registered = true;
  agent.store.push(id);
  return emsChanged(s, site);
}

function issue(s: ModelState, name: EndpointName): number {
  const site = SITE_OF[name];
  const id = addCert(s, {
    uid: name,
    issuer: { site, generation: s.roots[site].length },
    notBefore: s.now - HOUR,
    notAfter: s.now + 365 * DAY,
    clientAuth: true,
    isCA: false,
  });
  s.agents[name].held.push(id);
  return id;
}

function revoke(s: ModelState, cert: number | null): void {
  if (cert === null || s.revoked.has(cert)) return;
  const facts = s.certs[cert]!;
  s.revoked.set(cert, { site: (facts.issuer as { site: SiteName }).site, version: s.emsVersion + 1 });
}

/** Root CA update or revocation: a new generation signs; every registered endpoint of the site renews. */
function rootChange(s: ModelState, site: SiteName, oldStatus: 'retired' | 'revoked'): undefined {
  const roots = s.roots[site];
  roots[roots.length - 1] = oldStatus;
  s.rootEnded.set(`${site}/${roots.length}`, s.emsVersion + 1);
  roots.push('active');
  emsChanged(s, site);
  for (const name of ENDPOINTS) {
    if (SITE_OF[name] !== site || !s.agents[name].registered) continue;
    const entry = s.registry.get(name)!;
    const id = issue(s, name);
    revoke(s, entry.cert);
    s.registry.set(name, { ...entry, registered: true, cert: id });
    s.agents[name].store = [id];
    emsChanged(s, site);
  }
  return undefined;
}

/** Every EMS change is synced to the connected gateway after the link's delay (its site only). */
function emsChanged(s: ModelState, site: SiteName): undefined {
  s.emsVersion++;
  if (site !== GATEWAY_SITE || !s.link.up) return undefined;
  schedule(s, { kind: 'deliver', snapshot: snapshot(s), taken: ++s.link.taken }, s.now + s.link.delay);
  return undefined;
}

function snapshot(s: ModelState): Snapshot {
  const roots = new Map<number, 'active' | 'revoked'>();
  for (const [i, status] of s.roots[GATEWAY_SITE].entries()) if (status !== 'retired') roots.set(i + 1, status);
  const records = new Map<string, RegistryEntry>();
  for (const [name, entry] of s.registry) if (SITE_OF[name] === GATEWAY_SITE) records.set(name, entry);
  const revoked = new Set([...s.revoked].filter(([, r]) => r.site === GATEWAY_SITE).map(([id]) => id));
  return { emsVersion: s.emsVersion, roots, records, revoked };
}

function takeDown(s: ModelState): undefined {
  if (!s.link.up) return undefined;
  s.link.up = false;
  s.link.lostAt ??= s.now + s.skew;
  return undefined;
}

/** The connector (re)connects: EMS's certificate verifies, and a full sync lands at once (not while EMS is down). */
function connect(s: ModelState): undefined {
  if (s.emsDown) {
    s.link.up = false;
    s.link.lostAt ??= s.now + s.skew;
    return undefined;
  }
  s.link.up = true;
  deliver(s, snapshot(s), ++s.link.taken);
  return undefined;
}

/** A sync lands if the link is up; an older sync never replaces a newer one. */
function deliver(s: ModelState, snap: Snapshot, taken: number): void {
  if (!s.link.up || taken <= s.link.applied) return;
  s.synced = snap;
  s.link.applied = taken;
  s.link.lostAt = undefined;
}

function schedule(
  s: ModelState,
  event: { kind: 'deliver'; snapshot: Snapshot; taken: number } | { kind: 'reconnect' },
  at: number,
): void {
  if (at <= s.now) {
    run(s, event);
    return;
  }
  s.queue.push({ ...event, at, order: s.order++ });
}

function run(
  s: ModelState,
  event: { kind: 'deliver'; snapshot: Snapshot; taken: number } | { kind: 'reconnect' },
): void {
  if (event.kind === 'deliver') deliver(s, event.snapshot, event.taken);
  else if (!s.link.up) connect(s);
}

/** Time passes: scheduled syncs and reconnects happen in time order (ties in the order they were scheduled). */
function advance(s: ModelState, to: number): undefined {
  for (;;) {
    const due = s.queue.filter((e) => e.at <= to).sort((x, y) => x.at - y.at || x.order - y.order)[0];
    if (!due) break;
    s.queue.splice(s.queue.indexOf(due), 1);
    s.now = due.at;
    run(s, due);
  }
  s.now = to;
  return undefined;
}
