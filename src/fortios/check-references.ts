import { badInput } from '../errors';
import type { ConfigLocation } from './config-tree';
import type { AddressGroup, FirewallAddress } from './fortios-model';
import type { Reference, ReferenceKind } from './map-context';

/** The names one kind of reference may take, and where a user would look for them. */
export interface Namespace {
  readonly names: ReadonlySet<string>;
  /** What a reference expects, e.g. `firewall access-proxy`. */
  readonly expected: string;
  /** The blocks that define such objects in this VDOM (none when it has no such block). */
  readonly definedAt: readonly ConfigLocation[];
  /** Names defined but of a kind the model does not read, and which kind. */
  readonly unread?: ReadonlyMap<string, string>;
}

const where = (at: ConfigLocation): string => `${at.file}:${at.line}:${at.column}`;

/**
 * Every reference must name an object the configuration defines: the error names the setting
 * (its file:line:col is the error's location), the kind of object it expects, and where such
 * objects are defined — or that the configuration has no block of them.
 */
export function checkReferences(
  references: readonly Reference[],
  namespaces: Readonly<Record<ReferenceKind, Namespace>>,
): void {
  for (const ref of references) {
    const space = namespaces[ref.kind];
    const unread = space.unread?.get(ref.name);
    if (unread)
      throw badInput(
        `${ref.from} names ${JSON.stringify(ref.name)}, a firewall address of ${unread}, which the model does not read; expected ${space.expected}`,
        ref.at,
      );
    if (space.names.has(ref.name)) continue;
    const blocks =
      space.definedAt.length === 0
        ? 'the configuration has no such block'
        : `defined in config blocks at ${space.definedAt.map(where).join(', ')}`;
    throw badInput(
      `${ref.from} names ${JSON.stringify(ref.name)}, but no ${space.expected} of that name is defined (${blocks})`,
      ref.at,
    );
  }
}

/**
 * Address groups must not contain themselves, directly or through other groups (FortiOS refuses
 * such a member when it is entered; a file can still hold one). The error is at the group whose
 * member closes the loop. Depth-first with an explicit stack, so a long chain cannot overflow
 * the call stack.
 */
export function checkGroupLoops(groups: readonly AddressGroup[], section: string): void {
  const byName = new Map(groups.map((g) => [g.name, g]));
  const done = new Set<string>();
  for (const start of groups) {
    if (done.has(start.name)) continue;
    const path: AddressGroup[] = [start];
    const onPath = new Map([[start.name, 0]]);
    const cursor: number[] = [0];
    while (path.length > 0) {
      const group = path[path.length - 1]!;
      const i = cursor[cursor.length - 1]!;
      if (i >= group.members.length) {
        done.add(group.name);
        onPath.delete(group.name);
        path.pop();
        cursor.pop();
        continue;
      }
      cursor[cursor.length - 1] = i + 1;
      const member = byName.get(group.members[i]!);
      if (!member || done.has(member.name)) continue;
      const seen = onPath.get(member.name);
      if (seen !== undefined)
        throw badInput(
          `${section} loop: ${shownLoop([...path.slice(seen), member].map((g) => g.name))} contains itself`,
          group.at,
        );
      onPath.set(member.name, path.length);
      path.push(member);
      cursor.push(0);
    }
  }
}

/**
 * A group of category ztna-ems-tag holds only EMS-tag addresses and groups of that category
 * (https://docs.fortinet.com/document/fortigate/7.4.7/cli-reference/301511994).
 */
export function checkTagGroups(groups: readonly AddressGroup[], addresses: readonly FirewallAddress[]): void {
  const tagAddresses = new Set(addresses.filter((a) => a.kind.type === 'ems-tag').map((a) => a.name));
  const tagGroups = new Set(groups.filter((g) => g.category === 'ztna-ems-tag').map((g) => g.name));
  for (const group of groups) {
    if (group.category !== 'ztna-ems-tag') continue;
    const other = group.members.find((m) => !tagAddresses.has(m) && !tagGroups.has(m));
    if (other !== undefined)
      throw badInput(
        `firewall addrgrp ${JSON.stringify(group.name)} has category ztna-ems-tag, so its members must be EMS-tag addresses or ztna-ems-tag groups; ${JSON.stringify(other)} is not`,
        group.at,
      );
  }
}

/** `"a" → "b" → "a"`, shortened in the middle when the loop is long. */
function shownLoop(names: readonly string[]): string {
  const quoted = names.map((n) => JSON.stringify(n));
  return quoted.length <= 8
    ? quoted.join(' → ')
    : `${quoted.slice(0, 3).join(' → ')} → … (${quoted.length - 6} more) → ${quoted.slice(-3).join(' → ')}`;
}
