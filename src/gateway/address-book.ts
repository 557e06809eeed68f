/**
 * The address objects of a FortiGate, compiled for ZTNA rules: `firewall address` and
 * `firewall addrgrp` (https://docs.fortinet.com/document/fortigate/7.0.3/cli-reference/258620,
 * https://docs.fortinet.com/document/fortigate/7.4.7/cli-reference/301511994).
 * A rule's `srcaddr` is matched against the client's address, its `dstaddr` against the real
 * servers of the API gateway that maps the request and the request's host.
 */
import { HarnessError } from '../errors';
import { inSubnet, parseIpv4, parseNetmask } from './ipv4';
import type { AddressGroup, FirewallAddress } from './ztna-objects';

/** What an address is matched against. */
export interface AddressSubject {
  /** An IPv4 address as a number (the client's, or a real server's). */
  readonly ip?: number;
  /** A host name (the request's Host, for `fqdn` addresses in `dstaddr`). */
  readonly host?: string;
  /** The requesting device's EMS tags, for dynamic EMS-tag addresses. */
  readonly tags?: ReadonlySet<string>;
}

type Matcher = (subject: AddressSubject) => boolean;

/**
 * FortiOS's built-in `all` (0.0.0.0/0): every FortiGate has it, so a lab that does not declare it
 * still means every address by it.
 */
export const ALL_ADDRESSES = 'all';

function matcherOf(address: FirewallAddress): Matcher {
  const kind = address.kind;
  switch (kind.type) {
    case 'ipmask': {
      const subnet = parseIpv4(kind.subnet);
      const mask = parseNetmask(kind.netmask);
      if (subnet === undefined || mask === undefined)
        throw new HarnessError(
          'BAD_INPUT',
          `address "${address.name}": ${kind.subnet} ${kind.netmask} is not a subnet`,
        );
      return (s) => s.ip !== undefined && inSubnet(s.ip, subnet, mask);
    }
    case 'iprange': {
      const start = parseIpv4(kind.startIp);
      const end = parseIpv4(kind.endIp);
      if (start === undefined || end === undefined)
        throw new HarnessError('BAD_INPUT', `address "${address.name}": ${kind.startIp}-${kind.endIp} is not a range`);
      return (s) => s.ip !== undefined && s.ip >= start && s.ip <= end;
    }
    case 'fqdn': {
      // FortiOS resolves an FQDN address to the IPs DNS gives it; the engine has no DNS, so it
      // matches the name itself: the request's host, or a real server named by it. A client's
      // address never matches one (fail closed).
      const fqdn = kind.fqdn.toLowerCase();
      return (s) => s.host !== undefined && s.host.toLowerCase() === fqdn;
    }
    case 'ems-tag': {
      // A dynamic EMS-tag address holds the addresses of the endpoints EMS tagged: a request
      // from one of them is a request from a device that carries the tag.
      const tag = kind.objTag;
      return (s) => s.tags?.has(tag) === true;
    }
  }
}

/** Every address and group of one FortiGate, each name compiled once. */
export class AddressBook {
  private readonly matchers = new Map<string, Matcher>();

  constructor(addresses: readonly FirewallAddress[], groups: readonly AddressGroup[]) {
    for (const address of addresses) this.matchers.set(address.name, matcherOf(address));
    if (!this.matchers.has(ALL_ADDRESSES)) this.matchers.set(ALL_ADDRESSES, () => true);
    const byName = new Map(groups.map((g) => [g.name, g]));
    const resolving = new Set<string>();
    const resolve = (name: string): Matcher => {
      const known = this.matchers.get(name);
      if (known) return known;
      const group = byName.get(name);
      if (!group) throw new HarnessError('BAD_INPUT', `no firewall address or addrgrp is named "${name}"`);
      if (resolving.has(name))
        throw new HarnessError(
          'BAD_INPUT',
          `address group "${name}" contains itself through ${[...resolving].join(' → ')}`,
        );
      resolving.add(name);
      const members = group.members.map(resolve);
      resolving.delete(name);
      const matcher: Matcher = (s) => members.some((m) => m(s));
      this.matchers.set(name, matcher);
      return matcher;
    };
    for (const group of groups) resolve(group.name);
  }

  /** Whether the name is an address or group here. */
  has(name: string): boolean {
    return this.matchers.has(name);
  }

  /** Whether any of `names` matches the subject; an empty list means `all`. */
  matchesAny(names: readonly string[], subject: AddressSubject): boolean {
    if (names.length === 0) return true;
    for (const name of names) {
      const matcher = this.matchers.get(name);
      if (matcher === undefined)
        throw new HarnessError('BAD_INPUT', `no firewall address or addrgrp is named "${name}"`);
      if (matcher(subject)) return true;
    }
    return false;
  }
}
