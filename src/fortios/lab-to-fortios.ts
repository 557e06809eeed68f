/**
 * A lab gateway's objects as a FortiOS model that writeFortiosConfig can write and a FortiGate
 * reads back to the same decisions: the connector to the lab's EMS (`fctems` with its serial),
 * a dynamic EMS-tag address for every bare tag a rule names (as FortiOS creates per connector:
 * `EMS1_ZTNA_<tag>`, https://docs.fortinet.com/document/fortigate/latest/administration-guide/325639/ztna-https-access-proxy-example),
 * the lab's users as local users in their user groups, and a flat rule's host as an FQDN address
 * in its `dstaddr`. What FortiOS cannot say (a flat rule's path) is refused, not dropped.
 */
import { badInput } from '../errors';
import type { LabUser, ZtnaObjects } from '../gateway';
import type { EmsConnector, FirewallAddress, FortiosModel, LocalUser, ProxyPolicy, UserGroup } from './fortios-model';
import { BUILTIN_TAGS } from './resolve-ems-tags';

export interface LabGatewayExport {
  readonly objects: ZtnaObjects;
  /** The connector to the lab's EMS, used when the objects carry none. */
  readonly connector: EmsConnector;
  /** The lab's users, with their groups. */
  readonly users?: readonly LabUser[];
  readonly vdom?: string;
}

const CONNECTOR_NAME = /^EMS(\d{1,3})_(ZTNA|CLASS)_(.+)$/;

/** The FortiOS model of one lab gateway (see the file's header). */
export function labGatewayModel(input: LabGatewayExport): FortiosModel {
  const { objects } = input;
  const emsConnectors = objects.emsConnectors.length > 0 ? objects.emsConnectors : [input.connector];
  const addresses: FirewallAddress[] = [...objects.addresses];
  const taken = new Set([...objects.addresses, ...objects.addressGroups].map((o) => o.name));
  const named = new Set(taken);
  const addAddress = (address: FirewallAddress) => {
    if (!taken.has(address.name)) addresses.push(address);
    taken.add(address.name);
    return address.name;
  };
  const tagAddress = (tag: string): string => {
    const existing = addresses.find((a) => a.kind.type === 'ems-tag' && a.kind.objTag === tag);
    if (existing) return existing.name;
    const name = `EMS${emsConnectors[0]!.emsId}_ZTNA_${tag}`;
    if (taken.has(name))
      throw badInput(`cannot name the EMS tag ${tag} ${name} in FortiOS: an address of that name is something else`);
    return addAddress({ name, kind: { type: 'ems-tag', objTag: tag, tagType: 'zero_trust' } });
  };
  const resolvesAsWritten = (name: string, term: readonly string[]) => {
    if (named.has(name)) return true;
    if (BUILTIN_TAGS.some((t) => t.name === name || t.before724 === name)) return true;
    const byNaming = CONNECTOR_NAME.exec(name);
    return (
      byNaming !== null &&
      term.length === 1 &&
      term[0] === byNaming[3] &&
      emsConnectors.some((c) => c.emsId === Number(byNaming[1]))
    );
  };
  const proxyPolicies = objects.proxyPolicies.map((p): ProxyPolicy => {
    const { destination, ...rule } = p;
    const ztnaEmsTag = p.ztnaEmsTag.map((name, i) =>
      resolvesAsWritten(name, p.emsTags[i]!) ? name : tagAddress(singleTag(p, i)),
    );
    let dstaddr = p.dstaddr;
    if (destination?.path !== undefined)
      throw badInput(
        `rule ${JSON.stringify(p.name ?? p.id)} is for the path ${destination.path}: a FortiOS ZTNA rule has no path; write the gateway in FortiOS spelling (API gateways with url-map) to export it`,
        p.at,
      );
    if (destination?.host !== undefined) {
      if (destination.host.includes('*'))
        throw badInput(
          `rule ${JSON.stringify(p.name ?? p.id)} is for the hosts ${destination.host}: a FortiOS FQDN address names one host; write the gateway in FortiOS spelling to export it`,
          p.at,
        );
      dstaddr = [addAddress({ name: `host-${destination.host}`, kind: { type: 'fqdn', fqdn: destination.host } })];
    }
    return {
      ...rule,
      ztnaEmsTag,
      dstaddr: dstaddr.length > 0 ? dstaddr : ['all'],
      srcaddr: p.srcaddr.length > 0 ? p.srcaddr : ['all'],
    };
  });
  const { users, userGroups } = withLabUsers(objects, input.users ?? []);
  return {
    ...objects,
    vdom: input.vdom ?? 'root',
    versionSource: 'option',
    remoteServers: [],
    emsConnectors,
    addresses,
    proxyPolicies,
    users,
    userGroups,
  };
}

/** A bare tag name stands for one tag; a term of several came from a group, which has a name. */
function singleTag(p: ProxyPolicy, i: number): string {
  const term = p.emsTags[i]!;
  if (term.length !== 1)
    throw badInput(
      `rule ${JSON.stringify(p.name ?? p.id)}: ztna-ems-tag ${p.ztnaEmsTag[i]} stands for several tags and names no address group`,
    );
  return term[0]!;
}

/**
 * The lab's users as local users (unless the objects have one of that name), members of their
 * groups; a user or group a rule names that nothing defines is defined (a lab knows it from the
 * rule alone, FortiOS needs the object).
 */
function withLabUsers(
  objects: ZtnaObjects,
  labUsers: readonly LabUser[],
): { users: LocalUser[]; userGroups: UserGroup[] } {
  const groups = objects.userGroups;
  const users = [...objects.users];
  const addUser = (name: string) => {
    if (!users.some((u) => u.name === name)) users.push({ name, status: 'enable', type: 'password' });
  };
  const members = new Map(groups.map((g) => [g.name, [...g.members]]));
  for (const rule of objects.proxyPolicies) {
    for (const name of rule.users) addUser(name);
    for (const name of rule.groups) if (!members.has(name)) members.set(name, []);
  }
  for (const user of labUsers) {
    addUser(user.name);
    for (const group of user.groups ?? []) {
      const list = members.get(group) ?? [];
      if (!list.includes(user.name)) list.push(user.name);
      members.set(group, list);
    }
  }
  const userGroups = [...members].map(([name, list]): UserGroup => {
    const original = groups.find((g) => g.name === name);
    return { ...(original ?? { name }), members: list };
  });
  return { users, userGroups };
}
