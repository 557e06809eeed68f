/**
 * The FortiOS objects a ZTNA access proxy is configured with, one record per `edit` entry, as a
 * FortiGate holds them: what the engine decides from, what a YAML lab in FortiOS spelling and an
 * imported configuration both become. Field names are camelCase; each field's doc gives the
 * FortiOS key it carries. Defaults are FortiOS's, filled in by whoever builds the records, so a
 * record says what the FortiGate does. `at`, where known, is the line that declared the object,
 * so that a decision can name where its rule came from.
 */
import type { SourceLocation } from '../errors';
import type { FortiosVersion } from './fortios-version';

export type EnableDisable = 'enable' | 'disable';

/** `config endpoint-control fctems` / `edit NAME`: the EMS connector. */
export interface EmsConnector {
  /** The `edit` number (7.2+: `edit 1`…); for a 7.0-style named entry, its position from 1. `EMS<n>_…` tag names refer to it. */
  readonly emsId: number;
  /** `name`, or the `edit` name of a 7.0-style entry. */
  readonly name: string;
  /** `status` (default disable, as the CLI reference gives it). */
  readonly status: EnableDisable;
  /** `server`: EMS's address or FQDN. */
  readonly server: string;
  /** `serial-number`: the EMS serial (`FCTEMS` + digits) FortiOS pins the connector to; absent = not pinned. */
  readonly serialNumber?: string;
  /** `tenant-id`: the EMS tenant (32 hex) the connector is pinned to; absent = not pinned. */
  readonly tenantId?: string;
  /** `trust-ca-cn` (default enable): trust EMS's server certificate by its issuer's CN. */
  readonly trustCaCn: EnableDisable;
  /** `verifying-ca`: the only CA that may have signed EMS's server certificate; absent = any trusted CA. */
  readonly verifyingCa?: string;
  /** `out-of-sync-threshold` in seconds, 10–3600 (default 180). */
  readonly outOfSyncThreshold: number;
  readonly at?: SourceLocation;
}

/** `config firewall vip` / `edit NAME` with `set type access-proxy`: the address and port of a ZTNA server. */
export interface AccessProxyVip {
  readonly name: string;
  /** `extip`: the address clients connect to. */
  readonly extip: string;
  /** `extport`: the port clients connect to. */
  readonly extport: number;
  /** `extintf` (default any). */
  readonly extintf: string;
  /** `server-type` (http | https | …; default https for an access proxy). */
  readonly serverType: string;
  /** `ssl-certificate`: the server certificate the ZTNA server presents (names a local certificate). */
  readonly sslCertificate?: string;
  readonly at?: SourceLocation;
}

export type UrlMapType = 'sub-string' | 'wildcard' | 'regex';
export type EmptyCertAction = 'accept' | 'block' | 'accept-unmanageable';

/** `config realservers` / `edit N` inside an API gateway. */
export interface RealServer {
  readonly id: number;
  /** `ip` (default 0.0.0.0 when `address` names an object instead). */
  readonly ip?: string;
  /** `address`: a firewall address object instead of an IP. */
  readonly address?: string;
  /** `port` (default 443). */
  readonly port: number;
  /** `status` (active | standby | disable; default active). */
  readonly status: string;
  readonly at?: SourceLocation;
}

/** `config api-gateway` / `edit N` inside an access proxy: which requests go to which real servers. */
export interface ApiGateway {
  readonly id: number;
  /** `url-map` (default `/`). */
  readonly urlMap: string;
  /** `url-map-type` (default sub-string). */
  readonly urlMapType: UrlMapType;
  /** `service` (http | https | tcp-forwarding | …; default https). */
  readonly service: string;
  /** `virtual-host`: the access-proxy-virtual-host this gateway serves; absent = any host. */
  readonly virtualHost?: string;
  readonly realServers: readonly RealServer[];
  readonly at?: SourceLocation;
}

/** `config firewall access-proxy` / `edit NAME`: a ZTNA server. */
export interface AccessProxy {
  readonly name: string;
  /** `vip`: the access-proxy VIP it listens on. */
  readonly vip: string;
  /** `client-cert` (default enable). */
  readonly clientCert: EnableDisable;
  /** `empty-cert-action` (default block). */
  readonly emptyCertAction: EmptyCertAction;
  /** `user-agent-detect` (default enable; since 7.2.1). */
  readonly userAgentDetect: EnableDisable;
  /** `auth-portal` (default disable). */
  readonly authPortal: EnableDisable;
  /** `auth-virtual-host`: the virtual host of the authentication portal. */
  readonly authVirtualHost?: string;
  readonly apiGateways: readonly ApiGateway[];
  readonly at?: SourceLocation;
}

export type HostType = 'sub-string' | 'wildcard';

/** `config firewall access-proxy-virtual-host` / `edit NAME`. */
export interface VirtualHost {
  readonly name: string;
  /** `host`: the host name or pattern. */
  readonly host: string;
  /** `host-type` (default sub-string). */
  readonly hostType: HostType;
  /** `ssl-certificate`: the certificate for this host. */
  readonly sslCertificate?: string;
  /** 7.6: `client-cert` per virtual host; absent = the access proxy's. */
  readonly clientCert?: EnableDisable;
  /** 7.6: `empty-cert-action` per virtual host; absent = the access proxy's. */
  readonly emptyCertAction?: EmptyCertAction;
  /** 7.6: `user-agent-detect` per virtual host; absent = the access proxy's. */
  readonly userAgentDetect?: EnableDisable;
  readonly at?: SourceLocation;
}

/** `config firewall proxy-policy` / `edit ID` with `set proxy access-proxy`: a ZTNA rule. */
export interface ProxyPolicy {
  readonly id: number;
  /** `name`. */
  readonly name?: string;
  /** `status` (default enable). */
  readonly status: EnableDisable;
  /** `access-proxy`: the ZTNA servers the rule applies to. */
  readonly accessProxies: readonly string[];
  /** `srcaddr`: the client's addresses. */
  readonly srcaddr: readonly string[];
  /** `dstaddr`: the real servers' addresses. */
  readonly dstaddr: readonly string[];
  /** `ztna-ems-tag`: as written (names of EMS-tag addresses or groups of them). */
  readonly ztnaEmsTag: readonly string[];
  /**
   * What `ztna-ems-tag` requires, one term per name in order: the bare EMS tag names that satisfy
   * it (one for a tag address, the members' for a group, any of which will do).
   */
  readonly emsTags: readonly (readonly string[])[];
  /** `ztna-tags-match-logic` (default or). */
  readonly ztnaTagsMatchLogic: 'or' | 'and';
  /** `ztna-ems-tag-negate` (default disable; since 7.6.1). */
  readonly ztnaEmsTagNegate: EnableDisable;
  /** `users`. */
  readonly users: readonly string[];
  /** `groups`. */
  readonly groups: readonly string[];
  /** `action` (default deny). */
  readonly action: 'accept' | 'deny';
  /** A flat rule's host and path (harness shorthand, not FortiOS); absent on FortiOS rules. */
  readonly destination?: ShorthandDestination;
  readonly at?: SourceLocation;
}

/** `config user local` / `edit NAME`. */
export interface LocalUser {
  readonly name: string;
  /** `status` (default enable). */
  readonly status: EnableDisable;
  /** `type` (password | ldap | radius | …; default password). The password itself is never read. */
  readonly type: string;
  readonly at?: SourceLocation;
}

/** `config user group` / `edit NAME`. */
export interface UserGroup {
  readonly name: string;
  /** `member`: local users and remote servers (LDAP, RADIUS, SAML) whose users belong. */
  readonly members: readonly string[];
  readonly at?: SourceLocation;
}

/** What a `firewall address` matches, by its `type`. */
export type AddressKind =
  /** `type ipmask` (the default) with `subnet ADDR MASK`. */
  | { readonly type: 'ipmask'; readonly subnet: string; readonly netmask: string }
  /** `type iprange` with `start-ip` and `end-ip`. */
  | { readonly type: 'iprange'; readonly startIp: string; readonly endIp: string }
  /** `type fqdn` with `fqdn`. */
  | { readonly type: 'fqdn'; readonly fqdn: string }
  /** `type dynamic`, `sub-type ems-tag`: the endpoints EMS tagged `obj-tag`. */
  | { readonly type: 'ems-tag'; readonly objTag: string; readonly tagType?: string };

/** `config firewall address` / `edit NAME`. */
export interface FirewallAddress {
  readonly name: string;
  readonly kind: AddressKind;
  readonly at?: SourceLocation;
}

/** `config firewall addrgrp` / `edit NAME`. */
export interface AddressGroup {
  readonly name: string;
  /** `member`: addresses and groups. */
  readonly members: readonly string[];
  /** `category` (default default): only a `ztna-ems-tag` group, of EMS-tag addresses and such groups, may be named in `ztna-ems-tag`. */
  readonly category: 'default' | 'ztna-ems-tag' | 'ztna-geo-tag';
  readonly at?: SourceLocation;
}

/**
 * The harness's shorthand for a rule's destination, from a lab's flat `rules:`: not a FortiOS
 * key. FortiOS picks the destination through the API gateway; a flat rule names a host and a
 * path prefix itself, and the shorthand keeps that condition on the rule.
 */
export interface ShorthandDestination {
  /** Destination host: exact, `*.suffix`, or absent for any. */
  readonly host?: string;
  /** Destination path prefix; absent for any. */
  readonly path?: string;
}

/** One FortiGate's ZTNA objects in one VDOM: what the engine decides from. */
export interface ZtnaObjects {
  readonly version: FortiosVersion;
  readonly emsConnectors: readonly EmsConnector[];
  readonly vips: readonly AccessProxyVip[];
  readonly accessProxies: readonly AccessProxy[];
  readonly virtualHosts: readonly VirtualHost[];
  readonly addresses: readonly FirewallAddress[];
  readonly addressGroups: readonly AddressGroup[];
  readonly proxyPolicies: readonly ProxyPolicy[];
  readonly users: readonly LocalUser[];
  readonly userGroups: readonly UserGroup[];
}
