/**
 * Checks an imported lab starts with: for each enabled ZTNA rule, one request the rule decides
 * (a URL its ZTNA server's API gateways map, an endpoint with the EMS tags it asks for, a client
 * address in its `srcaddr`, a user it names), and a request from an untagged endpoint and one to
 * a host no API gateway maps. The expected outcome is what the engine decides for that request
 * from the configuration, so the checks say what the FortiGate does today; whoever edits the lab
 * turns them into what it should do.
 */
import {
  AddressBook,
  builtinTagFor,
  type CompiledServer,
  classifyUserAgent,
  DEFAULT_SOURCE_ADDRESS,
  type FirewallAddress,
  formatIpv4,
  type LabUser,
  type ProxyPolicy,
  parseIpv4,
  policyName,
  type ReasonCode,
  type ZtnaObjects,
  ZtnaPolicy,
} from '../gateway';

/** One derived check: who asks (an endpoint with these tags), for what, and what the configuration decides. */
export interface DerivedCheck {
  readonly name: string;
  readonly tags: readonly string[];
  readonly url: string;
  readonly user?: string;
  readonly sourceAddress?: string;
  readonly expect: 'allow' | 'deny';
  readonly reason: ReasonCode;
  /** The rule that decided, when one did. */
  readonly rule?: ProxyPolicy;
}

export interface DerivedChecks {
  readonly checks: readonly DerivedCheck[];
  /** Lab users the checks authenticate as (members of remote-server groups have no `user local`). */
  readonly users: readonly LabUser[];
}

/** At most this many rules get a check of their own: an import is a start, not a test plan. */
const MAX_RULE_CHECKS = 8;
/** The host of API gateways that serve any host, and of the request nothing maps. */
const ANY_HOST = 'ztna.example.com';
const UNMAPPED_HOST = 'unmapped.example.invalid';
/** A desktop browser (as the lab's endpoints send). */
const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)';

interface Sample {
  readonly server: CompiledServer;
  readonly host: string;
  readonly path: string;
  readonly port?: number;
}

interface Probe {
  readonly sample: Sample;
  readonly tags: readonly string[];
  readonly user?: string;
  readonly sourceAddress?: string;
}

/** The derived checks of `objects` (see the file's header). */
export function deriveChecks(objects: ZtnaObjects): DerivedChecks {
  const users = labUsersFor(objects);
  const policy = new ZtnaPolicy(objects, users);
  const samples = policy.servers.flatMap((server) => samplesOf(server, policy));
  const checks: DerivedCheck[] = [];
  const seen = new Set<string>();
  const add = (name: string, probe: Probe) => {
    const check = decide(policy, objects, name, probe);
    const key = JSON.stringify([check.url, check.tags, check.user, check.sourceAddress]);
    if (!seen.has(key)) checks.push(check);
    seen.add(key);
    return check;
  };
  const rules = objects.proxyPolicies.filter((p) => p.status === 'enable').slice(0, MAX_RULE_CHECKS);
  for (const rule of rules) {
    const wanted = probeFor(rule, objects, users);
    if (!wanted) continue;
    for (const sample of samples) {
      const probe = { ...wanted, sample };
      const outcome = decide(policy, objects, '', probe);
      if (outcome.rule === rule) {
        add(`rule ${policyName(rule)} decides ${hostPath(sample)}`, probe);
        break;
      }
    }
  }
  const first = samples[0];
  if (first) add(`an endpoint without tags requests ${hostPath(first)}`, { sample: first, tags: [] });
  const server = policy.serverFor(undefined);
  if (server && !policy.route(server, UNMAPPED_HOST, '/'))
    add(`no API gateway maps ${UNMAPPED_HOST}`, { sample: { server, host: UNMAPPED_HOST, path: '/' }, tags: [] });
  return { checks, users };
}

const hostPath = (s: Sample) => `${s.host}${s.path}`;

/** What the gateway decides for a managed, registered, online endpoint with a valid certificate (as Gateway.decide does). */
function decide(policy: ZtnaPolicy, objects: ZtnaObjects, name: string, probe: Probe): DerivedCheck {
  const { sample } = probe;
  const url = `https://${sample.host}${sample.port === undefined ? '' : `:${sample.port}`}${sample.path}`;
  const server = policy.serverFor(sample.port)!;
  const base = {
    name,
    tags: probe.tags,
    url,
    ...(probe.user === undefined ? {} : { user: probe.user }),
    ...(probe.sourceAddress === undefined ? {} : { sourceAddress: probe.sourceAddress }),
  };
  const settings = policy.certificateSettings(server, sample.host);
  // With client-cert disabled no certificate is asked for: the device counts as certificate-less.
  const tags = settings.clientCert
    ? probe.tags
    : builtinTagFor(classifyUserAgent(DESKTOP, settings.userAgentDetect), objects.version);
  const outcome = policy.process(server, {
    host: sample.host,
    path: sample.path,
    sourceIp: parseIpv4(probe.sourceAddress ?? DEFAULT_SOURCE_ADDRESS),
    tags: new Set(tags),
    user: probe.user,
  });
  return {
    ...base,
    expect: outcome.reason === 'ALLOW' ? 'allow' : 'deny',
    reason: outcome.reason,
    ...(outcome.policy ? { rule: outcome.policy } : {}),
  };
}

/** One host and path per API gateway that the gateway itself maps, in the server's order. */
function samplesOf(server: CompiledServer, policy: ZtnaPolicy): Sample[] {
  const port = server.port === undefined || server.port === 443 ? undefined : server.port;
  // A URL reaches the first server listening on its port: a later one on the same port gets no samples.
  if (policy.serverFor(port) !== server) return [];
  const samples: Sample[] = [];
  for (const gateway of server.apiGateways) {
    const vhost = gateway.virtualHost;
    const { urlMap, urlMapType } = gateway.apiGateway;
    const pattern = urlMapType === 'regex' ? '/' : urlMap.startsWith('/') ? urlMap : `/${urlMap}`;
    const sent = asSent(
      vhost ? concrete(vhost.host, vhost.hostType === 'wildcard') : ANY_HOST,
      concrete(pattern, urlMapType === 'wildcard'),
    );
    if (sent && policy.route(server, sent.host, sent.path)?.apiGateway === gateway.apiGateway)
      samples.push({ server, ...sent, ...(port === undefined ? {} : { port }) });
  }
  return samples;
}

/** The host and path as a client sends them (a URL normalises `/./`, case, …); undefined when no URL can carry them. */
function asSent(host: string, path: string): { host: string; path: string } | undefined {
  if (!/^[^/\s"?#]+$/.test(host) || /[\s"#]/.test(path)) return undefined;
  try {
    const url = new URL(`https://${host}${path}`);
    return { host: url.hostname, path: `${url.pathname}${url.search}` };
  } catch {
    return undefined;
  }
}

/** A text a pattern matches: `*` → `app`, `?` → `a` for wildcards. */
const concrete = (pattern: string, wildcard: boolean): string =>
  wildcard ? pattern.replace(/\*/g, 'app').replace(/\?/g, 'a') : pattern;

/** The tags, user and client address a request needs to meet the rule; undefined when no lab endpoint can (built-in tags). */
function probeFor(
  rule: ProxyPolicy,
  objects: ZtnaObjects,
  users: readonly LabUser[],
): Omit<Probe, 'sample'> | undefined {
  const terms = rule.ztnaEmsTagNegate === 'enable' ? [] : rule.emsTags;
  // A term with no tags (a tag group of empty groups) is met by no device.
  if (rule.ztnaTagsMatchLogic === 'and' && terms.some((t) => t.length === 0)) return undefined;
  const usable = terms.filter((t) => t.length > 0);
  if (terms.length > 0 && usable.length === 0) return undefined;
  const tags = rule.ztnaTagsMatchLogic === 'and' ? usable.map((t) => t[0]!) : usable.slice(0, 1).map((t) => t[0]!);
  if (tags.some((t) => t.startsWith('EMS_ALL_') || t.startsWith('ems-tag-'))) return undefined;
  const user = rule.users[0] ?? memberOf(rule.groups[0], objects, users);
  const sourceAddress = addressIn(rule.srcaddr, objects);
  return {
    tags: [...new Set(tags)],
    ...(user === undefined ? {} : { user }),
    ...(sourceAddress === undefined ? {} : { sourceAddress }),
  };
}

/** An enabled local user of the group, else the lab user made for it. */
function memberOf(group: string | undefined, objects: ZtnaObjects, users: readonly LabUser[]): string | undefined {
  if (group === undefined) return undefined;
  const local = new Set(objects.users.filter((u) => u.status === 'enable').map((u) => u.name));
  const members = objects.userGroups.find((g) => g.name === group)?.members ?? [];
  return members.find((m) => local.has(m)) ?? users.find((u) => u.groups?.includes(group))?.name;
}

/** A lab user for each group a rule names that no enabled local user belongs to (its members are on LDAP, RADIUS, SAML…). */
function labUsersFor(objects: ZtnaObjects): LabUser[] {
  const local = new Set(objects.users.filter((u) => u.status === 'enable').map((u) => u.name));
  const groups = new Set(
    objects.proxyPolicies.filter((p) => p.users.length === 0).flatMap((p) => p.groups.slice(0, 1)),
  );
  const users: LabUser[] = [];
  for (const group of groups) {
    const members = objects.userGroups.find((g) => g.name === group)?.members ?? [];
    if (members.some((m) => local.has(m))) continue;
    users.push({ name: `member-of-${group}`.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 79), groups: [group] });
  }
  return users;
}

/** A client address inside the first ipmask or iprange address that `names` reach (through groups); undefined for `all`. */
function addressIn(names: readonly string[], objects: ZtnaObjects): string | undefined {
  if (names.length === 0 || names.includes('all')) return undefined;
  const addresses = new Map(objects.addresses.map((a) => [a.name, a]));
  const groups = new Map(objects.addressGroups.map((g) => [g.name, g]));
  const book = new AddressBook(objects.addresses, objects.addressGroups);
  const stack = [...names].reverse();
  const seen = new Set<string>();
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const group = groups.get(name);
    if (group) stack.push(...[...group.members].reverse());
    const candidate = candidateIp(addresses.get(name));
    if (candidate !== undefined && book.matchesAny(names, { ip: parseIpv4(candidate) })) return candidate;
  }
  return undefined;
}

function candidateIp(address: FirewallAddress | undefined): string | undefined {
  const kind = address?.kind;
  if (kind?.type === 'iprange') return kind.startIp;
  if (kind?.type !== 'ipmask') return undefined;
  const net = parseIpv4(kind.subnet);
  const mask = parseIpv4(kind.netmask);
  if (net === undefined || mask === undefined) return undefined;
  const base = (net & mask) >>> 0;
  const host = mask === 0xffffffff ? base : (base + 1) >>> 0;
  return formatIpv4(host);
}
