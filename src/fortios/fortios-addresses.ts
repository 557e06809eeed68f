/** The address objects of the FortiOS model: `firewall address` and `firewall addrgrp` (see fortios-model.ts). */
import type { ConfigLocation } from './config-tree';

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
  readonly at: ConfigLocation;
}

/** `config firewall addrgrp` / `edit NAME`. */
export interface AddressGroup {
  readonly name: string;
  /** `member`: addresses and groups. */
  readonly members: readonly string[];
  /** `category` (default default): only a `ztna-ems-tag` group, of EMS-tag addresses and such groups, may be named in `ztna-ems-tag`. */
  readonly category: 'default' | 'ztna-ems-tag' | 'ztna-geo-tag';
  readonly at: ConfigLocation;
}
