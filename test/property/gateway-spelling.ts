/**
 * Random FortiOS gateways as a lab writes them in FortiOS spelling (YAML.md: `access-proxy`,
 * `access-proxy-virtual-host`, `proxy-policy`, …), so that a counterexample reads as a lab: the
 * keys the property test writes, and what every random gateway shares — VIPs, addresses,
 * address groups, local users and user groups. Keys left out take FortiOS's defaults.
 */
import type { VersionLabel } from './reference-fortios';

export type OnOff = 'enable' | 'disable';
export type EmptyCertAction = 'accept' | 'block' | 'accept-unmanageable';
export type HostType = 'sub-string' | 'wildcard';
export type UrlMapType = 'sub-string' | 'wildcard' | 'regex';

export interface VirtualHostSpelling {
  readonly name: string;
  readonly host: string;
  readonly 'host-type'?: HostType;
  /** 7.6 only; absent: the access proxy's. */
  readonly 'client-cert'?: OnOff;
  readonly 'empty-cert-action'?: EmptyCertAction;
}
export interface ApiGatewaySpelling {
  readonly id: number;
  readonly 'url-map': string;
  readonly 'url-map-type'?: UrlMapType;
  readonly 'virtual-host'?: string;
  readonly realservers: readonly { readonly id: number; readonly ip: string; readonly status?: 'active' | 'disable' }[];
}
export interface AccessProxySpelling {
  readonly name: string;
  readonly vip: string;
  readonly 'client-cert'?: OnOff;
  readonly 'empty-cert-action'?: EmptyCertAction;
  readonly 'user-agent-detect'?: OnOff;
  readonly 'api-gateway': readonly ApiGatewaySpelling[];
}
export interface ProxyPolicySpelling {
  readonly id: number;
  readonly name?: string;
  readonly status?: OnOff;
  readonly 'access-proxy': readonly string[];
  readonly srcaddr: readonly string[];
  readonly dstaddr?: readonly string[];
  readonly 'ztna-ems-tag'?: readonly string[];
  readonly 'ztna-tags-match-logic'?: 'or' | 'and';
  readonly 'ztna-ems-tag-negate'?: OnOff;
  readonly users?: readonly string[];
  readonly groups?: readonly string[];
  readonly action?: 'accept' | 'deny';
}

/** What varies from one random gateway to the next. */
export interface GatewayPlan {
  readonly 'fortios-version': VersionLabel;
  readonly 'access-proxy-virtual-host': readonly VirtualHostSpelling[];
  readonly 'access-proxy': readonly AccessProxySpelling[];
  readonly 'proxy-policy': readonly ProxyPolicySpelling[];
}

/** A whole gateway in FortiOS spelling. */
export interface GatewaySpelling extends GatewayPlan {
  readonly vip: readonly { readonly name: string; readonly extip: string; readonly extport: number }[];
  readonly address: readonly Record<string, string>[];
  readonly addrgrp: readonly {
    readonly name: string;
    readonly member: readonly string[];
    readonly category?: string;
  }[];
  readonly 'user-local': readonly { readonly name: string; readonly status?: OnOff }[];
  readonly 'user-group': readonly { readonly name: string; readonly member: readonly string[] }[];
}

/** The ZTNA servers a random gateway may have, with the port of each one's VIP. */
export const SERVERS = [
  { name: 'ztna-1', extip: '10.0.3.10', extport: 443 },
  { name: 'ztna-2', extip: '10.0.3.11', extport: 8443 },
] as const;

/** Every random gateway's addresses: subnets (dotted and bit masks), ranges, a name, EMS tags. */
const ADDRESSES: readonly Record<string, string>[] = [
  { name: 'lan', type: 'ipmask', subnet: '10.0.0.0 255.255.255.0' },
  { name: 'campus', type: 'ipmask', subnet: '10.0.0.0/16' },
  { name: 'loopback', subnet: '127.0.0.1 255.0.0.0' },
  { name: 'lab-range', type: 'iprange', 'start-ip': '10.0.1.1', 'end-ip': '10.0.1.99' },
  { name: 'printer', type: 'iprange', 'start-ip': '192.168.1.20', 'end-ip': '192.168.1.20' },
  { name: 'app-servers', type: 'ipmask', subnet: '10.88.0.0/24' },
  { name: 'intranet-name', type: 'fqdn', fqdn: 'intranet.example.com' },
  ...['HR', 'Domain-Users', 'Vulnerable', 'Contractors'].map((tag) => ({
    name: `EMS1_ZTNA_${tag}`,
    type: 'dynamic',
    'sub-type': 'ems-tag',
    'obj-tag': tag,
  })),
];
export const TAG_ADDRESSES = ADDRESSES.filter((a) => a.type === 'dynamic').map((a) => a.name!);
const ADDRESS_GROUPS = [
  { name: 'offices', member: ['lan', 'lab-range'] },
  { name: 'anywhere-known', member: ['offices', 'printer', 'loopback'], category: 'default' },
  { name: 'staff-tags', member: ['EMS1_ZTNA_Domain-Users', 'EMS1_ZTNA_HR'], category: 'ztna-ems-tag' },
];
/** Local users (carol is disabled) and user groups; the lab adds dave to staff (LAB_USERS). */
const LOCAL_USERS = [
  { name: 'alice' },
  { name: 'bob', status: 'enable' as const },
  { name: 'carol', status: 'disable' as const },
];
const USER_GROUPS = [
  { name: 'staff', member: ['alice'] },
  { name: 'admins', member: ['bob', 'carol'] },
];

/** The plan as a whole gateway: the shared VIPs, addresses and users added. */
export function spellingOf(plan: GatewayPlan): GatewaySpelling {
  return {
    ...plan,
    vip: SERVERS.slice(0, plan['access-proxy'].length),
    address: ADDRESSES,
    addrgrp: ADDRESS_GROUPS,
    'user-local': LOCAL_USERS,
    'user-group': USER_GROUPS,
  };
}
