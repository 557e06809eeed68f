/**
 * `firewall proxy-policy` entries with `proxy access-proxy`: the ZTNA rules
 * (https://docs.fortinet.com/document/fortigate/7.2.1/cli-reference/331620). Entries of other
 * proxy types (explicit-web, transparent-web, …) are not ZTNA rules and are skipped. Tag names
 * are resolved later, once every address is known (resolve-ems-tags.ts).
 */

import { requireFeature } from '../gateway';
import type { ConfigLocation, ConfigSection } from './config-tree';
import { entryId } from './entry-reader';
import type { ProxyPolicy } from './fortios-model';
import { type MapContext, mapEntries, referList } from './map-context';
import { ENABLE_DISABLE } from './map-objects';

/** A rule before its tags are resolved. */
export type UnresolvedPolicy = Omit<ProxyPolicy, 'emsTags'> & { readonly tagsAt?: ConfigLocation };

export const mapProxyPolicies = (ctx: MapContext, section?: ConfigSection): UnresolvedPolicy[] =>
  mapEntries(ctx, section, (r, entry) => {
    if (r.one('proxy') !== 'access-proxy') return undefined;
    if (r.isSet('ztna-ems-tag-negate'))
      requireFeature(ctx.version, 'ztna-ems-tag-negate', r.setting('ztna-ems-tag-negate')!.at);
    // The always-on schedule is what a ZTNA rule without one does; any other schedule is reported as not read.
    if (r.peek('schedule') === 'always') r.setting('schedule');
    const name = r.one('name');
    return {
      id: entryId(entry.name, r.label, entry.at),
      ...(name === undefined ? {} : { name }),
      status: r.choice('status', ENABLE_DISABLE, 'enable'),
      accessProxies: referList(ctx, r, 'access-proxy', 'access-proxy'),
      srcaddr: referList(ctx, r, 'srcaddr', 'address'),
      dstaddr: referList(ctx, r, 'dstaddr', 'address'),
      ztnaEmsTag: r.list('ztna-ems-tag'),
      ...(r.isSet('ztna-ems-tag') ? { tagsAt: r.setting('ztna-ems-tag')!.at } : {}),
      ztnaTagsMatchLogic: r.choice('ztna-tags-match-logic', ['or', 'and'] as const, 'or'),
      ztnaEmsTagNegate: r.choice('ztna-ems-tag-negate', ENABLE_DISABLE, 'disable'),
      users: referList(ctx, r, 'users', 'user'),
      groups: referList(ctx, r, 'groups', 'group'),
      action: r.choice('action', ['accept', 'deny'] as const, 'deny'),
      at: entry.at,
    };
  });
