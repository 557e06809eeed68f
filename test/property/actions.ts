/**
 * The vocabulary of the model-based property test: the actions a random sequence is made of, the
 * fixed lab they run against (endpoints, sites, rules, crafted certificates) and fast-check
 * arbitraries that generate them. Both the reference model and the engine driver read these.
 */
import fc from 'fast-check';
import { gatewayPlanArbitrary, weighted } from './gateway-plans';
import type { GatewayPlan } from './gateway-spelling';

/** Endpoints of the lab: a and b on site default, c on the other site, d starts unregistered. */
export const ENDPOINTS = ['a', 'b', 'c', 'd'] as const;
export type EndpointName = (typeof ENDPOINTS)[number];
export const OTHER_SITE = 'CUSTOMER-TEST';
export const SITES = ['default', OTHER_SITE] as const;
export type SiteName = (typeof SITES)[number];
export const SITE_OF: Record<EndpointName, SiteName> = { a: 'default', b: 'default', c: OTHER_SITE, d: 'default' };
/** Tags EMS gives the endpoints when the lab is built (d has none: it is not registered). */
export const INITIAL_TAGS: Record<EndpointName, readonly string[] | undefined> = {
  a: ['Domain-Users'],
  b: ['Domain-Users', 'HR'],
  c: ['Domain-Users'],
  d: undefined,
};

/** Certificates EMS would never issue, made once per lab (for endpoint a's UID unless said otherwise). */
export const CRAFTED = [
  'ems-ssl-chain',
  'other-site-root',
  'expired',
  'not-yet-valid',
  'short-lived',
  'server-auth-only',
  'ca-flag',
  'unknown-uid',
  'subject-not-a-uid',
] as const;
export type CraftedName = (typeof CRAFTED)[number];

/** The proxy rules of the one access proxy (its connector syncs site default). */
export const RULES = [
  { name: 'quarantine', host: '*.example.com', tags: ['Vulnerable'], action: 'deny' },
  { name: 'admin', host: 'intranet.example.com', path: '/admin', action: 'deny' },
  {
    name: 'public',
    host: 'intranet.example.com',
    path: '/public',
    tags: ['Contractors'],
    negate: true,
    action: 'accept',
  },
  {
    name: 'intranet',
    host: 'intranet.example.com',
    tags: ['Domain-Users', 'EMS_ALL_UNMANAGEABLE_CLIENTS'],
    action: 'accept',
  },
  { name: 'hr', host: 'hr.example.com', tags: ['Domain-Users', 'HR'], tagsMatch: 'and', action: 'accept' },
] as const;
export type Rule = (typeof RULES)[number];

/** Users the lab declares beside the gateways' local users: dave belongs to the user group staff. */
export const LAB_USERS = [{ name: 'dave', groups: ['staff'] }] as const;

/**
 * What requests go to: hosts and paths the flat rules and the random gateways' virtual hosts and
 * url-maps (gateway-plans.ts) map, or do not; ports of either ZTNA server, or of neither; source
 * addresses inside and outside the random gateways' addresses; users who can authenticate.
 * Users who cannot (carol, a disabled local user; a name no gateway declares) are not sent yet:
 * the engine takes any user a request names as authenticated, where FortiOS asks again (401).
 */
export const HOSTS = [
  'intranet.example.com',
  'hr.example.com',
  'wiki.example.com',
  'portal.example.net',
  'HR.Example.com',
];
export const PATHS = ['/', '/admin/users', '/public/news', '/api/v1/items', '/x/admin'];
export const PORTS = [undefined, 443, 8443, 9443];
export const SOURCES = [
  '127.0.0.1',
  '10.0.0.5',
  '10.0.1.9',
  '10.0.2.50',
  '192.168.1.20',
  '192.168.1.21',
  '::ffff:10.0.0.5',
];
/** Lab users, and two who cannot authenticate: carol (a disabled local user where declared) and mallory (undeclared). */
export const REQUEST_USERS = ['alice', 'bob', 'dave', 'carol', 'mallory'];

export const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0';
export const MOBILE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148';

export const TAG_SETS: readonly (readonly string[])[] = [
  [],
  ['Domain-Users'],
  ['Domain-Users', 'HR'],
  ['HR'],
  ['Vulnerable'],
  ['Contractors'],
  ['Domain-Users', 'Vulnerable'],
];
const SECOND = 1_000;
export const ADVANCES = [1, 5, 29, 30, 60, 179, 180, 600, 3_600].map((s) => s * SECOND);
export const DELAYS = [0, 5, 30, 60, 200].map((s) => s * SECOND);
/** Gateway clock offsets: within the 1 h backdating of client certificates, and beyond it. */
export const SKEWS = [0, -20 * 60 * SECOND, 20 * 60 * SECOND, -2 * 3_600 * SECOND];
export const OUT_OF_SYNC_THRESHOLD_MS = 180 * SECOND;
export const GATEWAY_RECONNECT_MS = 5 * SECOND;

export interface Settings {
  readonly clientCert: boolean;
  readonly emptyCertAction: 'accept' | 'block' | 'accept-unmanageable';
  readonly userAgentDetect: boolean;
  readonly outOfSyncAction: 'deny' | 'accept';
}

/** Who presents what: the endpoint's current certificate, an older one it held, a crafted one, or none. */
export type IdentityChoice =
  | { readonly kind: 'current'; readonly endpoint: EndpointName }
  | { readonly kind: 'held'; readonly endpoint: EndpointName; readonly back: number }
  | { readonly kind: 'crafted'; readonly name: CraftedName }
  | { readonly kind: 'none' };

/** Where a request goes, from where and as whom (its identity apart). */
export interface RequestTarget {
  readonly host: string;
  readonly path: string;
  readonly port: number | undefined;
  readonly source: string;
  readonly user: string | undefined;
  readonly mobile: boolean;
}

export type Action =
  | ({ readonly type: 'request'; readonly identity: IdentityChoice } & RequestTarget)
  | { readonly type: 'register' | 'reconnect' | 'unregister' | 'revoke'; readonly endpoint: EndpointName }
  | { readonly type: 'set-tags'; readonly endpoint: EndpointName; readonly tags: readonly string[] }
  | { readonly type: 'set-online'; readonly endpoint: EndpointName; readonly online: boolean }
  | { readonly type: 'update-root' | 'revoke-root'; readonly site: SiteName }
  | { readonly type: 'fabric-down' | 'fabric-up' | 'restart-gateway' | 'ems-stop' }
  | { readonly type: 'ems-start'; readonly registry: 'persisted' | 'rebuilt' }
  | { readonly type: 'sync-delay' | 'advance' | 'skew'; readonly ms: number }
  | { readonly type: 'settings'; readonly patch: Partial<Settings> };

const endpoint = fc.constantFrom(...ENDPOINTS);
const identity: fc.Arbitrary<IdentityChoice> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('current' as const), endpoint }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('held' as const), endpoint, back: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('crafted' as const), name: fc.constantFrom(...CRAFTED) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
);
const on = <T extends Action['type']>(type: T) => fc.constant(type);
const setting: fc.Arbitrary<Partial<Settings>> = fc.oneof(
  fc.record({ emptyCertAction: fc.constantFrom('accept' as const, 'block' as const, 'accept-unmanageable' as const) }),
  fc.record({ clientCert: fc.boolean() }),
  fc.record({ userAgentDetect: fc.boolean() }),
  fc.record({ outOfSyncAction: fc.constantFrom('deny' as const, 'accept' as const) }),
);

/**
 * One action. Actions that sign certificates (register, reconnect, root changes: ~3 ms each) are
 * rarer than requests and state changes, which is what keeps 10,000 sequences affordable.
 */
export const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 68,
    arbitrary: fc.record({
      type: on('request'),
      identity,
      host: fc.constantFrom(...HOSTS),
      path: fc.constantFrom(...PATHS),
      port: fc.constantFrom(...PORTS),
      source: weighted([SOURCES[0]!, 4], ...SOURCES.slice(1).map((s) => [s, 1] as const)),
      user: weighted<string | undefined>([undefined, 9], ...REQUEST_USERS.map((u) => [u, 1] as const)),
      mobile: fc.boolean(),
    }),
  },
  { weight: 10, arbitrary: fc.record({ type: on('revoke'), endpoint }) },
  { weight: 6, arbitrary: fc.record({ type: on('unregister'), endpoint }) },
  { weight: 3, arbitrary: fc.record({ type: on('reconnect'), endpoint }) },
  { weight: 2, arbitrary: fc.record({ type: on('register'), endpoint }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constantFrom('update-root' as const, 'revoke-root' as const),
      site: fc.constantFrom(...SITES),
    }),
  },
  { weight: 6, arbitrary: fc.record({ type: on('set-tags'), endpoint, tags: fc.constantFrom(...TAG_SETS) }) },
  { weight: 4, arbitrary: fc.record({ type: on('set-online'), endpoint, online: fc.boolean() }) },
  { weight: 8, arbitrary: fc.record({ type: fc.constantFrom('fabric-down' as const, 'fabric-up' as const) }) },
  { weight: 4, arbitrary: fc.record({ type: on('restart-gateway') }) },
  { weight: 2, arbitrary: fc.record({ type: on('ems-stop') }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: on('ems-start'),
      registry: fc.constantFrom('persisted' as const, 'rebuilt' as const),
    }),
  },
  { weight: 6, arbitrary: fc.record({ type: on('sync-delay'), ms: fc.constantFrom(...DELAYS) }) },
  { weight: 16, arbitrary: fc.record({ type: on('advance'), ms: fc.constantFrom(...ADVANCES) }) },
  { weight: 4, arbitrary: fc.record({ type: on('skew'), ms: fc.constantFrom(...SKEWS) }) },
  { weight: 8, arbitrary: fc.record({ type: on('settings'), patch: setting }) },
);

/** The gateway a sequence runs against: the lab's flat rules, or a random one in FortiOS spelling. */
export type GatewayChoice = 'flat-rules' | GatewayPlan;

/** A sequence: a gateway, then 5 to 15 actions from a fresh copy of the lab. */
export interface Sequence {
  readonly gateway: GatewayChoice;
  readonly actions: readonly Action[];
}
export const sequenceArbitrary: fc.Arbitrary<Sequence> = fc.record({
  gateway: fc.oneof(
    { weight: 1, arbitrary: fc.constant('flat-rules' as const) },
    { weight: 3, arbitrary: gatewayPlanArbitrary },
  ),
  actions: fc.array(actionArbitrary, { minLength: 5, maxLength: 15 }),
});
