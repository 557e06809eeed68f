import { badInput } from '../errors';
import {
  compareFortiosVersions,
  DEFAULT_FORTIOS_VERSION,
  type FortiosVersion,
  formatFortiosVersion,
  parseFortiosVersion,
} from '../gateway';
import { checkGroupLoops, checkReferences, checkTagGroups, type Namespace } from './check-references';
import type { ConfigSection, ConfigTree } from './config-tree';
import type { FortiosModel, IgnoredKey, ProxyPolicy, RemoteServer, RemoteServerKind } from './fortios-model';
import { mapAccessProxies } from './map-access-proxy';
import type { MapContext, ReferenceKind } from './map-context';
import {
  mapAddresses,
  mapAddressGroups,
  mapEmsConnectors,
  mapLocalUsers,
  mapUserGroups,
  mapVips,
  mapVirtualHosts,
  type UnreadAddresses,
} from './map-objects';
import { mapProxyPolicies, type UnresolvedPolicy } from './map-proxy-policy';
import { resolveEmsTag, type TagIndex } from './resolve-ems-tags';
import { selectVdom, type VdomView } from './select-vdom';

export interface MapOptions {
  /** The VDOM to read (default root). */
  readonly vdom?: string;
  /** The FortiOS version when the text has no `#config-version` header; must agree with a header that it has. */
  readonly version?: FortiosVersion;
}

/** The model and the ZTNA-relevant keys and blocks it did not read. */
export interface MappedConfig {
  readonly model: FortiosModel;
  readonly warnings: readonly IgnoredKey[];
}

/** Blocks a ZTNA rule depends on that the model does not read yet: their presence is a warning. */
const UNREAD_ZTNA_BLOCKS = [
  'authentication rule',
  'authentication scheme',
  'authentication setting',
  'firewall access-proxy6',
  'firewall access-proxy-ssh-client-cert',
  'user saml',
  'user ldap',
  'user radius',
  'user fsso',
  'ztna web-proxy',
  'ztna web-portal',
];
/** Blocks whose entries may be members of a user group (remote authentication servers). */
const REMOTE_KINDS: readonly RemoteServerKind[] = ['ldap', 'radius', 'saml', 'tacacs+', 'fsso'];
const REMOTE_USER_BLOCKS = REMOTE_KINDS.map((kind) => `user ${kind}`);

/**
 * Maps a parsed FortiOS configuration, in one VDOM with `config global`, to the FortiOS model.
 * Every reference must name a defined object, address groups must not loop, every `ztna-ems-tag`
 * must resolve to EMS tags, and a setting the version lacks is refused at its line — each a
 * bad-input error with file:line:col. Unknown blocks are skipped; ZTNA-relevant keys and blocks
 * the model does not read come back as warnings.
 */
export function mapFortiosConfig(tree: ConfigTree, options: MapOptions = {}): MappedConfig {
  const view = selectVdom(tree, options.vdom ?? 'root');
  const { version, versionSource } = versionOf(tree, options.version);
  const ctx: MapContext = { version, ignored: [], references: [] };
  const block = (path: string) => mergedBlock(view, path);
  const unread: UnreadAddresses = new Map();
  const model: Omit<FortiosModel, 'proxyPolicies'> = {
    vdom: view.name,
    version,
    versionSource,
    emsConnectors: mapEmsConnectors(ctx, block('endpoint-control fctems')),
    vips: mapVips(ctx, block('firewall vip')),
    accessProxies: mapAccessProxies(ctx, block('firewall access-proxy')),
    virtualHosts: mapVirtualHosts(ctx, block('firewall access-proxy-virtual-host')),
    addresses: mapAddresses(ctx, block('firewall address'), unread),
    addressGroups: mapAddressGroups(ctx, block('firewall addrgrp')),
    users: mapLocalUsers(ctx, block('user local')),
    userGroups: mapUserGroups(ctx, block('user group')),
    remoteServers: REMOTE_KINDS.flatMap((kind) =>
      blocksOf(view, `user ${kind}`).flatMap((s) =>
        s.entries.map((e): RemoteServer => ({ kind, name: e.name, at: e.at })),
      ),
    ),
  };
  const policies = mapProxyPolicies(ctx, block('firewall proxy-policy'));
  for (const path of UNREAD_ZTNA_BLOCKS) {
    for (const section of blocksOf(view, path))
      ctx.ignored.push({ section: path, key: `config ${path}`, at: section.at });
  }
  checkGroupLoops(model.addressGroups, 'firewall addrgrp');
  checkReferences(ctx.references, namespaces(view, model, unread));
  checkTagGroups(model.addressGroups, model.addresses);
  const index: TagIndex = {
    version,
    addresses: new Map(model.addresses.map((a) => [a.name, a])),
    groups: new Map(model.addressGroups.map((g) => [g.name, g])),
    connectors: model.emsConnectors,
  };
  return { model: { ...model, proxyPolicies: policies.map((p) => resolvePolicy(p, index)) }, warnings: ctx.ignored };
}

function versionOf(tree: ConfigTree, option?: FortiosVersion): Pick<FortiosModel, 'version' | 'versionSource'> {
  if (!tree.header)
    return option
      ? { version: option, versionSource: 'option' }
      : { version: DEFAULT_FORTIOS_VERSION, versionSource: 'default' };
  const version = parseFortiosVersion(tree.header.version, tree.header.at);
  if (option && compareFortiosVersions(option, version) !== 0) {
    throw badInput(
      `the #config-version header says FortiOS ${formatFortiosVersion(version)}, but ${formatFortiosVersion(option)} was asked for`,
      tree.header.at,
    );
  }
  return { version, versionSource: 'header' };
}

function resolvePolicy({ tagsAt, ...policy }: UnresolvedPolicy, index: TagIndex): ProxyPolicy {
  return { ...policy, emsTags: policy.ztnaEmsTag.map((name) => resolveEmsTag(name, tagsAt!, index)) };
}

const blocksOf = (view: VdomView, path: string): readonly ConfigSection[] =>
  [...view.global, ...view.sections].filter((s) => s.path.join(' ') === path);

/** The entries of every block of one path (global first, then the VDOM's), as one block. */
function mergedBlock(view: VdomView, path: string): ConfigSection | undefined {
  const blocks = blocksOf(view, path);
  if (blocks.length === 0) return undefined;
  return {
    ...blocks[0]!,
    entries: blocks.flatMap((b) => b.entries),
    settings: blocks.flatMap((b) => b.settings),
    sections: blocks.flatMap((b) => b.sections),
  };
}

function namespaces(
  view: VdomView,
  model: Omit<FortiosModel, 'proxyPolicies'>,
  unread: UnreadAddresses,
): Record<ReferenceKind, Namespace> {
  const at = (...paths: string[]) => paths.flatMap((p) => blocksOf(view, p).map((s) => s.at));
  const names = (...lists: (readonly { readonly name: string }[])[]) => new Set(lists.flat().map((o) => o.name));
  // `all` is built into every VDOM; `show` output leaves it out.
  const addresses = new Set([...names(model.addresses, model.addressGroups), 'all']);
  return {
    vip: { names: names(model.vips), expected: 'firewall vip of type access-proxy', definedAt: at('firewall vip') },
    'virtual-host': {
      names: names(model.virtualHosts),
      expected: 'firewall access-proxy-virtual-host',
      definedAt: at('firewall access-proxy-virtual-host'),
    },
    address: {
      names: addresses,
      expected: 'firewall address or addrgrp',
      definedAt: at('firewall address', 'firewall addrgrp'),
      unread,
    },
    'access-proxy': {
      names: names(model.accessProxies),
      expected: 'firewall access-proxy',
      definedAt: at('firewall access-proxy'),
    },
    user: { names: names(model.users), expected: 'user local', definedAt: at('user local') },
    group: { names: names(model.userGroups), expected: 'user group', definedAt: at('user group') },
    'group-member': {
      names: names(model.users, model.remoteServers),
      expected: 'user local or remote server (user ldap, radius, saml, tacacs+, fsso)',
      definedAt: at('user local', ...REMOTE_USER_BLOCKS),
    },
  };
}
