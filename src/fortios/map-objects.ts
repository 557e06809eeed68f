/**
 * Mappers of the objects that refer to nothing but addresses: the EMS connector, access-proxy
 * VIPs, virtual hosts, addresses, address groups, local users and user groups. Keys and defaults
 * come from the FortiOS CLI reference pages cited at each; docs/fortios-model.md lists them.
 */
import { badInput } from '../errors';
import { requireFeature } from '../gateway';
import { DEFAULT_OUT_OF_SYNC_THRESHOLD_MS } from '../ztna-identifiers';
import type { ConfigSection } from './config-tree';
import type { EntryReader } from './entry-reader';
import type {
  AccessProxyVip,
  AddressGroup,
  AddressKind,
  EmptyCertAction,
  EmsConnector,
  EnableDisable,
  FirewallAddress,
  LocalUser,
  UserGroup,
  VirtualHost,
} from './fortios-model';
import { type MapContext, mapEntries, referList } from './map-context';

export const ENABLE_DISABLE: readonly EnableDisable[] = ['enable', 'disable'];
export const EMPTY_CERT_ACTIONS: readonly EmptyCertAction[] = ['accept', 'block', 'accept-unmanageable'];

/** `empty-cert-action`, refusing accept-unmanageable before 7.2.1. */
export function readEmptyCertAction(ctx: MapContext, r: EntryReader): EmptyCertAction | undefined {
  if (!r.isSet('empty-cert-action')) return undefined;
  const action = r.choice('empty-cert-action', EMPTY_CERT_ACTIONS, 'block');
  if (action === 'accept-unmanageable')
    requireFeature(ctx.version, 'accept-unmanageable', r.setting('empty-cert-action')!.at);
  return action;
}

/** `user-agent-detect`, refused before 7.2.1. */
export function readUserAgentDetect(ctx: MapContext, r: EntryReader): EnableDisable | undefined {
  if (!r.isSet('user-agent-detect')) return undefined;
  requireFeature(ctx.version, 'user-agent-detect', r.setting('user-agent-detect')!.at);
  return r.choice('user-agent-detect', ENABLE_DISABLE, 'enable');
}

/**
 * `endpoint-control fctems`: keys and `status` default disable from
 * https://docs.fortinet.com/document/fortigate/7.0.8/cli-reference/544620/config-endpoint-control-fctems;
 * `tenant-id`, `trust-ca-cn`, `verifying-ca` from
 * https://docs.fortinet.com/document/fortigate/8.0.0/cli-reference/774217896; the threshold's
 * default 180 s from https://docs.fortinet.com/document/fortigate/7.6.7/administration-guide/866827.
 */
export const mapEmsConnectors = (ctx: MapContext, section?: ConfigSection): EmsConnector[] =>
  mapEntries(ctx, section, (r, entry) => {
    const position = section!.entries.indexOf(entry) + 1;
    const serialNumber = r.one('serial-number');
    const tenantId = r.one('tenant-id');
    const verifyingCa = r.one('verifying-ca');
    return {
      // 7.2+ numbers the entries (edit 1) and names them with `set name`; 7.0 names them in the edit.
      emsId: /^\d{1,3}$/.test(entry.name) ? Number(entry.name) : position,
      name: r.one('name') ?? entry.name,
      status: r.choice('status', ENABLE_DISABLE, 'disable'),
      server: r.required('server'),
      ...(serialNumber === undefined ? {} : { serialNumber }),
      ...(tenantId === undefined ? {} : { tenantId }),
      trustCaCn: r.choice('trust-ca-cn', ENABLE_DISABLE, 'enable'),
      ...(verifyingCa === undefined ? {} : { verifyingCa }),
      outOfSyncThreshold: r.integer('out-of-sync-threshold', 10, 3600, DEFAULT_OUT_OF_SYNC_THRESHOLD_MS / 1000),
      at: entry.at,
    };
  });

/** `firewall vip` of type access-proxy; VIPs of other types are not ZTNA servers and are skipped. */
export const mapVips = (ctx: MapContext, section?: ConfigSection): AccessProxyVip[] =>
  mapEntries(ctx, section, (r, entry) => {
    if (r.one('type') !== 'access-proxy') return undefined;
    const sslCertificate = r.one('ssl-certificate');
    return {
      name: entry.name,
      extip: r.required('extip'),
      extport: r.integer('extport', 1, 65535, 443),
      extintf: r.one('extintf') ?? 'any',
      serverType: r.one('server-type') ?? 'https',
      ...(sslCertificate === undefined ? {} : { sslCertificate }),
      at: entry.at,
    };
  });

/** `firewall access-proxy-virtual-host` (https://docs.fortinet.com/document/fortigate/7.2.3/cli-reference/310620); per-host certificate settings from 7.6. */
export const mapVirtualHosts = (ctx: MapContext, section?: ConfigSection): VirtualHost[] =>
  mapEntries(ctx, section, (r, entry) => {
    const sslCertificate = r.one('ssl-certificate');
    for (const key of ['client-cert', 'empty-cert-action', 'user-agent-detect']) {
      if (r.isSet(key)) requireFeature(ctx.version, 'virtual-host-certificate-settings', r.setting(key)!.at);
    }
    const clientCert = r.isSet('client-cert') ? r.choice('client-cert', ENABLE_DISABLE, 'enable') : undefined;
    const emptyCertAction = readEmptyCertAction(ctx, r);
    const userAgentDetect = r.isSet('user-agent-detect')
      ? r.choice('user-agent-detect', ENABLE_DISABLE, 'enable')
      : undefined;
    return {
      name: entry.name,
      host: r.required('host'),
      hostType: r.choice('host-type', ['sub-string', 'wildcard'] as const, 'sub-string'),
      ...(sslCertificate === undefined ? {} : { sslCertificate }),
      ...(clientCert === undefined ? {} : { clientCert }),
      ...(emptyCertAction === undefined ? {} : { emptyCertAction }),
      ...(userAgentDetect === undefined ? {} : { userAgentDetect }),
      at: entry.at,
    };
  });

/** Address types and dynamic sub-types the model does not read, by name: a reference to one is refused. */
export type UnreadAddresses = Map<string, string>;

/** `firewall address` (https://docs.fortinet.com/document/fortigate/7.0.3/cli-reference/258620): ipmask (default), iprange, fqdn and dynamic EMS-tag addresses; other kinds are listed in `unread`. */
export function mapAddresses(
  ctx: MapContext,
  section: ConfigSection | undefined,
  unread: UnreadAddresses,
): FirewallAddress[] {
  return mapEntries(ctx, section, (r, entry) => {
    const kind = addressKind(r);
    if (typeof kind === 'string') {
      unread.set(entry.name, kind);
      ctx.ignored.push({ section: 'firewall address', key: `${JSON.stringify(entry.name)}: ${kind}`, at: entry.at });
      return undefined;
    }
    return { name: entry.name, kind, at: entry.at };
  });
}

/** What an address matches, or a description of a kind the model does not read. */
function addressKind(r: EntryReader): AddressKind | string {
  const type = r.one('type') ?? 'ipmask';
  switch (type) {
    case 'ipmask': {
      const [subnet, netmask] = subnetOf(r);
      return { type, subnet, netmask };
    }
    case 'iprange':
      return { type, startIp: r.one('start-ip') ?? '0.0.0.0', endIp: r.one('end-ip') ?? '0.0.0.0' };
    case 'fqdn':
      return { type, fqdn: r.required('fqdn') };
    case 'dynamic': {
      const subType = r.one('sub-type') ?? 'sdn';
      if (subType !== 'ems-tag') return `type dynamic sub-type ${subType}`;
      const tagType = r.one('tag-type');
      return { type: 'ems-tag', objTag: r.required('obj-tag'), ...(tagType === undefined ? {} : { tagType }) };
    }
    default:
      return `type ${type}`;
  }
}

/** `subnet 10.0.0.0 255.255.255.0` or `subnet 10.0.0.0/24`; default 0.0.0.0 0.0.0.0 (the `all` address). */
function subnetOf(r: EntryReader): [string, string] {
  const setting = r.setting('subnet');
  if (!setting) return ['0.0.0.0', '0.0.0.0'];
  const [first, second] = setting.values;
  if (setting.values.length === 2) return [first!, second!];
  const cidr = setting.values.length === 1 ? /^([\d.]+)\/(\d{1,2})$/.exec(first!) : null;
  if (!cidr || Number(cidr[2]) > 32)
    throw badInput(
      `${r.label}: subnet takes an address and a mask (10.0.0.0 255.255.255.0 or 10.0.0.0/24)`,
      setting.at,
    );
  const bits = Number(cidr[2]);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return [cidr[1]!, [24, 16, 8, 0].map((shift) => (mask >>> shift) & 255).join('.')];
}

/** `firewall addrgrp` (https://docs.fortinet.com/document/fortigate/7.4.7/cli-reference/301511994). */
export const mapAddressGroups = (ctx: MapContext, section?: ConfigSection): AddressGroup[] =>
  mapEntries(ctx, section, (r, entry) => ({
    name: entry.name,
    members: referList(ctx, r, 'member', 'address'),
    category: r.choice('category', ['default', 'ztna-ems-tag', 'ztna-geo-tag'] as const, 'default'),
    at: entry.at,
  }));

/** `user local`; the password is never read (nor reported). */
export const mapLocalUsers = (ctx: MapContext, section?: ConfigSection): LocalUser[] =>
  mapEntries(ctx, section, (r, entry) => {
    r.setting('passwd');
    return {
      name: entry.name,
      status: r.choice('status', ENABLE_DISABLE, 'enable'),
      type: r.one('type') ?? 'password',
      at: entry.at,
    };
  });

/** `user group`; `config match` (remote group names) is reported as not read. */
export const mapUserGroups = (ctx: MapContext, section?: ConfigSection): UserGroup[] =>
  mapEntries(ctx, section, (r, entry) => ({
    name: entry.name,
    members: referList(ctx, r, 'member', 'group-member'),
    at: entry.at,
  }));
