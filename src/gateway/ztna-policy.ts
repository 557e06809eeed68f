/**
 * A FortiGate's ZTNA objects compiled for decisions: its ZTNA servers with their API gateways,
 * its addresses, its ZTNA rules and who belongs to which user group. Built once when the objects
 * change; `Gateway.decide` reads it for every request.
 *
 * ZTNA rules (`config firewall proxy-policy`, `set proxy access-proxy`) are read in order and the
 * first that matches decides (https://docs.fortinet.com/document/fortigate/7.2.1/cli-reference/331620):
 * `status` enable, the request's ZTNA server among `access-proxy`, the client's address in
 * `srcaddr`, the mapped real servers (or host) in `dstaddr`, the device's EMS tags by
 * `ztna-ems-tag` with `ztna-tags-match-logic` and `ztna-ems-tag-negate`, then `users`/`groups`.
 */
import { HarnessError } from '../errors';
import { AddressBook, type AddressSubject } from './address-book';
import { type CompiledApiGateway, compileApiGateways, routeRequest, virtualHostFor } from './api-gateway-routing';
import { parseIpv4 } from './ipv4';
import type { ReasonCode } from './reasons';
import type { AccessProxy, EmptyCertAction, ProxyPolicy, VirtualHost, ZtnaObjects } from './ztna-objects';

/** The certificate settings that apply to one request (the ZTNA server's, or its virtual host's on 7.6). */
export interface CertificateSettings {
  readonly clientCert: boolean;
  readonly emptyCertAction: EmptyCertAction;
  readonly userAgentDetect: boolean;
}

/** One ZTNA server (access proxy) ready to route requests. */
export interface CompiledServer {
  readonly proxy: AccessProxy;
  /** The VIP's `extport`, when the objects have its VIP. */
  readonly port?: number;
  readonly apiGateways: readonly CompiledApiGateway[];
}

/** What rule processing sees of one request once its API gateway is known. */
export interface RuleContext {
  readonly server: CompiledServer;
  readonly route: CompiledApiGateway;
  readonly host: string;
  readonly path: string;
  /** The client's IPv4 address as a number; undefined when it is not IPv4 (no ipmask/iprange matches it). */
  readonly sourceIp?: number;
  readonly tags: ReadonlySet<string>;
  /** The authenticated user, if any. */
  readonly user?: string;
}

/** The outcome of rule processing. */
export type PolicyOutcome =
  | {
      readonly reason: Extract<ReasonCode, 'ALLOW' | 'POLICY_DENY' | 'TAGS_DENY' | 'AUTH_REQUIRED'>;
      readonly policy: ProxyPolicy;
    }
  | { readonly reason: Extract<ReasonCode, 'NO_POLICY_MATCH' | 'TAGS_NO_MATCH'>; readonly policy?: undefined };

/** What request processing after the certificate sees: the request and the device's tags. */
export type RoutedRequest = Omit<RuleContext, 'server' | 'route'>;

/** The API gateway that maps a request, then the ZTNA rules' outcome (none without an API gateway). */
export type RoutedOutcome =
  | { readonly reason: 'APP_NOT_FOUND'; readonly route?: undefined; readonly policy?: undefined }
  | { readonly reason: 'REAL_SERVER_NOT_FOUND'; readonly route: CompiledApiGateway; readonly policy?: undefined }
  | (PolicyOutcome & { readonly route: CompiledApiGateway });

/** A rule's name as decisions report it: its `name`, else its id. */
export const policyName = (policy: ProxyPolicy): string => policy.name ?? String(policy.id);

/** Whether the device's tags satisfy the rule's `ztna-ems-tag` (each term: any of its tags). */
export function emsTagsMatch(policy: ProxyPolicy, tags: ReadonlySet<string>): boolean {
  const terms = policy.emsTags;
  if (terms.length === 0) return true;
  const satisfied = (term: readonly string[]) => term.some((tag) => tags.has(tag));
  const hit = policy.ztnaTagsMatchLogic === 'and' ? terms.every(satisfied) : terms.some(satisfied);
  return policy.ztnaEmsTagNegate === 'enable' ? !hit : hit;
}

function hostMatchesShorthand(pattern: string | undefined, host: string): boolean {
  if (pattern === undefined || pattern === '*') return true;
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  return p.startsWith('*.') ? h.endsWith(p.slice(1)) : h === p;
}

/** A FortiGate's ZTNA objects, compiled. */
export class ZtnaPolicy {
  readonly servers: readonly CompiledServer[];
  private readonly addressBook: AddressBook;
  private readonly groupsOfUser = new Map<string, Set<string>>();
  private readonly knownUsers = new Set<string>();
  /** Each server's own certificate settings, made once (most requests need no more). */
  private readonly serverSettings = new Map<CompiledServer, CertificateSettings>();
  /** Whether any virtual host carries certificate settings of its own (7.6). */
  private readonly vhostSettings: boolean;

  constructor(
    readonly objects: ZtnaObjects,
    /** Users a lab declares with the groups they belong to (authenticated by any server a group names). */
    labUsers: readonly { readonly name: string; readonly groups?: readonly string[] }[] = [],
  ) {
    const vhosts = new Map<string, VirtualHost>(objects.virtualHosts.map((v) => [v.name, v]));
    const vips = new Map(objects.vips.map((v) => [v.name, v]));
    this.servers = objects.accessProxies.map((proxy) => {
      const port = vips.get(proxy.vip)?.extport;
      return { proxy, ...(port === undefined ? {} : { port }), apiGateways: compileApiGateways(proxy, vhosts) };
    });
    this.addressBook = new AddressBook(objects.addresses, objects.addressGroups);
    for (const server of this.servers) this.serverSettings.set(server, settingsOf(server.proxy));
    this.vhostSettings = objects.virtualHosts.some(
      (v) => v.clientCert !== undefined || v.emptyCertAction !== undefined || v.userAgentDetect !== undefined,
    );
    const disabled = new Set(objects.users.filter((u) => u.status !== 'enable').map((u) => u.name));
    for (const user of objects.users) if (user.status === 'enable') this.knownUsers.add(user.name);
    for (const group of objects.userGroups) for (const member of group.members) this.groupsOf(member).add(group.name);
    for (const user of labUsers) {
      if (!disabled.has(user.name)) this.knownUsers.add(user.name);
      for (const group of user.groups ?? []) this.groupsOf(user.name).add(group);
    }
  }

  private groupsOf(user: string): Set<string> {
    const groups = this.groupsOfUser.get(user) ?? new Set<string>();
    this.groupsOfUser.set(user, groups);
    return groups;
  }

  /** Whether a user of this name can authenticate (a local user, or one the lab declares). */
  hasUser(name: string): boolean {
    return this.knownUsers.has(name);
  }

  /**
   * The ZTNA server a request reaches: the one whose VIP listens on the request's port, else the
   * first (a lab's URLs rarely name the VIP's port). Undefined when there is none.
   */
  serverFor(port: number | undefined): CompiledServer | undefined {
    if (port !== undefined) for (const server of this.servers) if (server.port === port) return server;
    return this.servers[0];
  }

  /** The certificate settings for a request to `host`: a 7.6 virtual host's own where it sets them, else the server's. */
  certificateSettings(server: CompiledServer, host: string): CertificateSettings {
    const own = this.serverSettings.get(server)!;
    if (!this.vhostSettings) return own;
    const vhost = virtualHostFor(server.apiGateways, host);
    if (!vhost) return own;
    const proxy = server.proxy;
    return {
      clientCert: (vhost.clientCert ?? proxy.clientCert) === 'enable',
      emptyCertAction: vhost.emptyCertAction ?? proxy.emptyCertAction,
      userAgentDetect: (vhost.userAgentDetect ?? proxy.userAgentDetect) === 'enable',
    };
  }

  /** The API gateway that maps the request, if any. */
  route(server: CompiledServer, host: string, path: string): CompiledApiGateway | undefined {
    return routeRequest(server.apiGateways, host, path);
  }

  /** The API gateway (021 without one, 022 without an active real server), then the ZTNA rules. */
  process(server: CompiledServer, request: RoutedRequest): RoutedOutcome {
    const route = this.route(server, request.host, request.path);
    // One shape for every outcome (reason, policy, route), so the call site stays monomorphic.
    if (!route) return { reason: 'APP_NOT_FOUND', policy: undefined, route: undefined };
    if (!route.hasActiveServer) return { reason: 'REAL_SERVER_NOT_FOUND', policy: undefined, route };
    // Literals, not spreads: this runs on every request (see decisionOf on V8's slow path).
    const outcome = this.evaluate({
      server,
      route,
      host: request.host,
      path: request.path,
      sourceIp: request.sourceIp,
      tags: request.tags,
      user: request.user,
    });
    return outcome.policy
      ? { reason: outcome.reason, policy: outcome.policy, route }
      : { reason: outcome.reason, policy: undefined, route };
  }

  /** Rule processing: the first enabled rule that matches decides; see the file's header. */
  evaluate(ctx: RuleContext): PolicyOutcome {
    // 065 says the device's tags matched no rule: only when a rule failed on its tags and none
    // that reached the tags accepted them (a later rule may pass the tags and fail on the user).
    let tagsFailed = false;
    let tagsPassed = false;
    const source: AddressSubject = { ip: ctx.sourceIp, tags: ctx.tags };
    for (const policy of this.objects.proxyPolicies) {
      if (policy.status !== 'enable') continue;
      if (policy.accessProxies.length > 0 && !policy.accessProxies.includes(ctx.server.proxy.name)) continue;
      const destination = policy.destination;
      if (destination) {
        if (!hostMatchesShorthand(destination.host, ctx.host)) continue;
        if (destination.path !== undefined && !ctx.path.startsWith(destination.path)) continue;
      }
      if (!this.addressBook.matchesAny(policy.srcaddr, source)) continue;
      if (!this.destinationMatches(policy, ctx)) continue;
      if (!emsTagsMatch(policy, ctx.tags)) {
        tagsFailed = true;
        continue;
      }
      tagsPassed = true;
      if (policy.users.length > 0 || policy.groups.length > 0) {
        // A user who cannot authenticate (undeclared, or a disabled local user) has no identity here.
        if (ctx.user === undefined || !this.hasUser(ctx.user)) return { reason: 'AUTH_REQUIRED', policy };
        if (!this.userMatches(policy, ctx.user)) continue;
      }
      if (policy.action === 'accept') return { reason: 'ALLOW', policy };
      return { reason: policy.emsTags.length > 0 ? 'TAGS_DENY' : 'POLICY_DENY', policy };
    }
    return { reason: tagsFailed && !tagsPassed ? 'TAGS_NO_MATCH' : 'NO_POLICY_MATCH' };
  }

  private userMatches(policy: ProxyPolicy, user: string): boolean {
    if (policy.users.includes(user)) return true;
    const groups = this.groupsOfUser.get(user);
    return groups !== undefined && policy.groups.some((g) => groups.has(g));
  }

  /** `dstaddr` against the mapped API gateway's real servers and the request's host. */
  private destinationMatches(policy: ProxyPolicy, ctx: RuleContext): boolean {
    if (policy.dstaddr.length === 0) return true;
    if (this.addressBook.matchesAny(policy.dstaddr, { host: ctx.host })) return true;
    for (const server of ctx.route.apiGateway.realServers) {
      if (server.status !== 'active') continue;
      const ip = server.ip === undefined ? undefined : parseIpv4(server.ip);
      if (ip !== undefined && this.addressBook.matchesAny(policy.dstaddr, { ip })) return true;
      if (server.address !== undefined && policy.dstaddr.includes(server.address)) return true;
    }
    return false;
  }
}

const settingsOf = (proxy: AccessProxy): CertificateSettings => ({
  clientCert: proxy.clientCert === 'enable',
  emptyCertAction: proxy.emptyCertAction,
  userAgentDetect: proxy.userAgentDetect === 'enable',
});

/** Refuses objects the engine cannot decide from: no ZTNA server at all. */
export function checkDecidable(objects: ZtnaObjects): void {
  if (objects.accessProxies.length === 0)
    throw new HarnessError('BAD_INPUT', 'the access proxy has no ZTNA server (firewall access-proxy) to decide with');
}
