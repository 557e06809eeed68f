/**
 * `ztna-ems-tag` names → the bare EMS tag names a lab's endpoints carry (`Domain-Users`).
 *
 * FortiOS creates a dynamic address per tag and connector: `EMS<n>_ZTNA_<tag>` for zero-trust
 * tags and `EMS<n>_CLASS_<tag>` for classification tags, n being the connector's EMS id, as the
 * ZTNA HTTPS access proxy example shows (`EMS1_ZTNA_Malicious-File-Detected`, `EMS1_CLASS_Low`:
 * https://docs.fortinet.com/document/fortigate/latest/administration-guide/325639/ztna-https-access-proxy-example);
 * 7.0 named them `<EMS serial>_<tag>` (`FCTEMS8821001056_ems138_av_tag`:
 * https://docs.fortinet.com/document/fortigate/7.0.0/new-features/557457). Backups hold those
 * addresses (`type dynamic`, `sub-type ems-tag`, `obj-tag`), and their `obj-tag` wins; `show`
 * output may not, and then the name is read by that naming. An address group of category
 * ztna-ems-tag stands for any of its members. The built-in tags for certificate-less devices are
 * `EMS_ALL_UNMANAGEABLE_CLIENTS` / `EMS_ALL_UNKNOWN_CLIENTS` from 7.2.4, `ems-tag-unmanageable` /
 * `ems-tag-unknown` from 7.2.1 (https://docs.fortinet.com/document/fortigate/7.2.0/new-features/710195).
 */
import { badInput } from '../errors';
import { type FortiosVersion, hasFeature, requireFeature } from '../gateway';
import { EMS_SERIAL_SOURCE } from '../ztna-identifiers';
import type { ConfigLocation } from './config-tree';
import type { AddressGroup, EmsConnector, FirewallAddress } from './fortios-model';

/** The built-in tag names: the 7.2.4+ spelling, and the 7.2.1–7.2.3 one it replaced. */
export const BUILTIN_TAGS = [
  { name: 'EMS_ALL_UNMANAGEABLE_CLIENTS', before724: 'ems-tag-unmanageable' },
  { name: 'EMS_ALL_UNKNOWN_CLIENTS', before724: 'ems-tag-unknown' },
] as const;

const CONNECTOR_TAG = /^EMS(\d{1,3})_(ZTNA|CLASS)_(.+)$/;
const SERIAL_TAG = new RegExp(`^(${EMS_SERIAL_SOURCE})_(.+)$`);

/** What tag names resolve against. */
export interface TagIndex {
  readonly version: FortiosVersion;
  readonly addresses: ReadonlyMap<string, FirewallAddress>;
  readonly groups: ReadonlyMap<string, AddressGroup>;
  readonly connectors: readonly EmsConnector[];
}

/** The tags that satisfy one `ztna-ems-tag` name (several for a group: any will do). */
export function resolveEmsTag(name: string, at: ConfigLocation, index: TagIndex): readonly string[] {
  const address = index.addresses.get(name);
  if (address) {
    if (address.kind.type !== 'ems-tag')
      throw badInput(
        `ztna-ems-tag ${JSON.stringify(name)} is a firewall address of type ${address.kind.type} (line ${address.at?.line}); expected a dynamic EMS-tag address (type dynamic, sub-type ems-tag)`,
        at,
      );
    return [address.kind.objTag];
  }
  const group = index.groups.get(name);
  if (group) {
    // https://docs.fortinet.com/document/fortigate/7.4.7/cli-reference/301511994: a default-category group cannot be a ztna-ems-tag.
    if (group.category !== 'ztna-ems-tag')
      throw badInput(
        `ztna-ems-tag ${JSON.stringify(name)} is an address group of category ${group.category} (line ${group.at?.line}); only a group with category ztna-ems-tag may be used as a tag`,
        at,
      );
    return groupTags(group, at, index);
  }
  const builtin = BUILTIN_TAGS.find((tag) => tag.name === name || tag.before724 === name);
  if (builtin) return [builtinTag(builtin, name, at, index.version)];
  return [byNaming(name, at, index)];
}

/** The tags of a group's members, through nested groups, with an explicit stack: a long chain cannot overflow it. */
function groupTags(group: AddressGroup, at: ConfigLocation, index: TagIndex): string[] {
  const tags = new Set<string>();
  const seen = new Set<string>([group.name]);
  const stack = [...group.members].reverse();
  while (stack.length > 0) {
    const member = stack.pop()!;
    if (seen.has(member)) continue;
    seen.add(member);
    const nested = index.groups.get(member);
    if (nested) stack.push(...[...nested.members].reverse());
    else for (const tag of resolveEmsTag(member, at, index)) tags.add(tag);
  }
  return [...tags];
}

function builtinTag(
  tag: (typeof BUILTIN_TAGS)[number],
  name: string,
  at: ConfigLocation,
  version: FortiosVersion,
): string {
  if (name === tag.name) {
    requireFeature(version, 'builtin-tag-names', at);
  } else {
    requireFeature(version, 'accept-unmanageable', at);
    if (hasFeature(version, 'builtin-tag-names'))
      throw badInput(
        `ztna-ems-tag ${JSON.stringify(name)} is the 7.2.1–7.2.3 name of a built-in tag; from 7.2.4 on it is ${tag.name}`,
        at,
      );
  }
  // The name this release gives the tag: what builtinTagFor (src/gateway) puts on such a device.
  return name;
}

function byNaming(name: string, at: ConfigLocation, index: TagIndex): string {
  const connector = CONNECTOR_TAG.exec(name);
  if (connector && index.connectors.some((c) => c.emsId === Number(connector[1]))) return connector[3]!;
  const serial = SERIAL_TAG.exec(name);
  if (serial && index.connectors.some((c) => c.serialNumber === serial[1])) return serial[2]!;
  const ids = index.connectors.map((c) => c.emsId).join(', ');
  const why = connector
    ? `no EMS connector has id ${connector[1]} (ids: ${ids || 'none'})`
    : serial
      ? `no EMS connector has serial ${serial[1]}`
      : 'nor is it named EMS<n>_ZTNA_<tag> or EMS<n>_CLASS_<tag>';
  throw badInput(
    `ztna-ems-tag ${JSON.stringify(name)}: no firewall address (type dynamic, sub-type ems-tag) or address group defines it, ${why}`,
    at,
  );
}
