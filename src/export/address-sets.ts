/**
 * A ZTNA rule's address lists (`srcaddr`, `dstaddr`) as what a proxy configuration can test:
 * IPv4 blocks in CIDR form (nginx `geo`, HAProxy `src`), device tags (dynamic EMS-tag addresses)
 * and host names (`fqdn` addresses, which the engine matches against the request's host). Names
 * resolve as the engine's address book resolves them (src/gateway/address-book.ts): groups by
 * their members, FortiOS's built-in `all` when the lab does not declare its own.
 */
import {
  ALL_ADDRESSES,
  type FirewallAddress,
  formatIpv4,
  inSubnet,
  parseIpv4,
  parseNetmask,
  type ZtnaObjects,
} from '../gateway';

/** What a list of address names matches, flattened. */
export interface AddressSet {
  /** True when the list matches every address (empty, or FortiOS's `all`). */
  readonly all: boolean;
  /** IPv4 blocks as `a.b.c.d/n`, network addresses (host bits cleared). */
  readonly cidrs: readonly string[];
  /** EMS tags whose devices the list holds. */
  readonly tags: readonly string[];
  /** Lower-case host names of `fqdn` addresses. */
  readonly fqdns: readonly string[];
}

/** The fewest CIDR blocks covering exactly `start`–`end` (numbers). */
export function rangeToCidrs(start: number, end: number): string[] {
  const blocks: string[] = [];
  let at = start;
  while (at <= end) {
    let bits = 32;
    // Grow the block while it stays aligned on `at` and inside the range.
    while (bits > 0) {
      const size = 2 ** (33 - bits);
      if (at % size !== 0 || at + size - 1 > end) break;
      bits--;
    }
    blocks.push(`${formatIpv4(at)}/${bits}`);
    at += 2 ** (32 - bits);
  }
  return blocks;
}

function blocksOf(address: FirewallAddress): Partial<AddressSet> {
  const kind = address.kind;
  switch (kind.type) {
    case 'ipmask': {
      // The engine has refused a malformed subnet already (it compiles the same objects).
      const subnet = parseIpv4(kind.subnet) ?? 0;
      const mask = parseNetmask(kind.netmask) ?? 0xffffffff;
      const bits = 32 - Math.log2((~mask >>> 0) + 1);
      return { cidrs: [`${formatIpv4((subnet & mask) >>> 0)}/${bits}`] };
    }
    case 'iprange':
      return { cidrs: rangeToCidrs(parseIpv4(kind.startIp) ?? 1, parseIpv4(kind.endIp) ?? 0) };
    case 'fqdn':
      return { fqdns: [kind.fqdn.toLowerCase()] };
    case 'ems-tag':
      return { tags: [kind.objTag] };
  }
}

/** Resolves address lists of one FortiGate's objects. */
export class AddressSets {
  private readonly addresses: ReadonlyMap<string, FirewallAddress>;
  private readonly groups: ReadonlyMap<string, readonly string[]>;

  constructor(objects: ZtnaObjects) {
    this.addresses = new Map(objects.addresses.map((a) => [a.name, a]));
    this.groups = new Map(objects.addressGroups.map((g) => [g.name, g.members]));
  }

  /** What the names match together; an empty list means every address, as in the engine. */
  of(names: readonly string[]): AddressSet {
    const set = {
      all: names.length === 0,
      cidrs: new Set<string>(),
      tags: new Set<string>(),
      fqdns: new Set<string>(),
    };
    const visit = (name: string, seen: ReadonlySet<string>): void => {
      const address = this.addresses.get(name);
      if (address) {
        const part = blocksOf(address);
        for (const c of part.cidrs ?? []) set.cidrs.add(c);
        for (const t of part.tags ?? []) set.tags.add(t);
        for (const f of part.fqdns ?? []) set.fqdns.add(f);
        return;
      }
      if (name === ALL_ADDRESSES) {
        set.all = true;
        return;
      }
      // A group that contains itself is refused when the engine compiles the objects.
      if (seen.has(name)) return;
      for (const member of this.groups.get(name) ?? []) visit(member, new Set([...seen, name]));
    };
    for (const name of names) visit(name, new Set());
    return { all: set.all, cidrs: [...set.cidrs], tags: [...set.tags], fqdns: [...set.fqdns] };
  }
}

/** Whether an IPv4 address (a number) lies in one of the blocks. */
export function inCidrs(ip: number, cidrs: readonly string[]): boolean {
  return cidrs.some((cidr) => {
    const [base, bits] = cidr.split('/');
    return inSubnet(ip, parseIpv4(base!) ?? 0, parseNetmask(bits!) ?? 0);
  });
}
