/**
 * The data tables of the FortiOS-object steps → the FortiOS objects of src/gateway/ztna-objects.ts.
 * Columns are FortiOS's keys (`url-map-type`, `srcaddr`, `ztna-ems-tag`…); an empty or missing
 * cell leaves the key unset, which means FortiOS's default. A bad cell is a bad-input error at
 * `TABLE:ROW:COLUMN` (the header is row 1), since a step cannot know its feature file's line.
 */
import type { DataTable } from '@cucumber/cucumber';
import { badInput, type SourceLocation } from '../src/errors';
import {
  AddressBook,
  type AddressGroup,
  type AddressKind,
  type ApiGateway,
  type FirewallAddress,
  type ProxyPolicy,
  type RealServer,
  requireFeature,
  type VirtualHost,
  type ZtnaObjects,
} from '../src/gateway';
import { emsTagTerms } from '../src/lab';
import { nameList } from './vocabulary';

/** One row of a table, with where its cells are. */
export class Row {
  constructor(
    private readonly table: string,
    private readonly header: readonly string[],
    private readonly cells: Readonly<Record<string, string>>,
    /** 1-based, counting the header as row 1. */
    readonly line: number,
  ) {}

  /** Where a cell (or, without a key, the row) is. */
  at(key?: string): Required<SourceLocation> {
    const column = key === undefined ? 1 : this.header.indexOf(key) + 1;
    return { file: this.table, line: this.line, column: column || 1 };
  }

  /** The cell's text, or undefined when it is empty or the column is absent. */
  get(key: string): string | undefined {
    const text = this.cells[key]?.trim();
    return text ? text : undefined;
  }

  /** The cell's text; an empty cell is refused. */
  need(key: string): string {
    const text = this.get(key);
    if (text === undefined) throw badInput(`the column ${key} needs a value in this row`, this.at(key));
    return text;
  }

  /** One of `values`, or `fallback` (FortiOS's default) for an empty cell. */
  oneOf<T extends string>(key: string, values: readonly T[], fallback: T): T {
    const text = this.get(key);
    if (text === undefined) return fallback;
    if (!(values as readonly string[]).includes(text))
      throw badInput(`${key} is ${JSON.stringify(text)}; expected ${values.join(', ')}`, this.at(key));
    return text as T;
  }

  /** A list cell: names separated by commas. */
  list(key: string): string[] {
    return nameList(this.get(key) ?? '');
  }

  /** A whole number cell, or `fallback`. */
  int(key: string, fallback: number): number {
    const text = this.get(key);
    if (text === undefined) return fallback;
    if (!/^\d{1,9}$/.test(text)) throw badInput(`${key} is ${JSON.stringify(text)}; expected a number`, this.at(key));
    return Number(text);
  }
}

/** The rows of a data table named `table` (for locations). */
export function rowsOf(table: DataTable, name: string): Row[] {
  const header = table.raw()[0] ?? [];
  return table.hashes().map((cells, i) => new Row(name, header, cells, i + 2));
}

const ENABLE_DISABLE = ['enable', 'disable'] as const;
const EMPTY_CERT_ACTIONS = ['accept', 'block', 'accept-unmanageable'] as const;

/** `config firewall access-proxy-virtual-host` rows; certificate settings per host need FortiOS 7.6. */
export function virtualHostsOf(rows: readonly Row[], version: ZtnaObjects['version']): VirtualHost[] {
  return rows.map((row) => {
    for (const key of ['client-cert', 'empty-cert-action', 'user-agent-detect'])
      if (row.get(key)) requireFeature(version, 'virtual-host-certificate-settings', row.at(key));
    return {
      name: row.get('name') ?? row.need('host'),
      host: row.need('host'),
      hostType: row.oneOf('host-type', ['sub-string', 'wildcard'], 'sub-string'),
      ...(row.get('client-cert') ? { clientCert: row.oneOf('client-cert', ENABLE_DISABLE, 'enable') } : {}),
      ...(row.get('empty-cert-action')
        ? { emptyCertAction: row.oneOf('empty-cert-action', EMPTY_CERT_ACTIONS, 'block') }
        : {}),
      ...(row.get('user-agent-detect')
        ? { userAgentDetect: row.oneOf('user-agent-detect', ENABLE_DISABLE, 'enable') }
        : {}),
    };
  });
}

/** A `realserver` cell: `IP` or `IP:PORT` (port default 443). */
function realServerOf(row: Row, id: number): RealServer | undefined {
  const text = row.get('realserver');
  if (text === undefined) return undefined;
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/.exec(text);
  if (!match) throw badInput(`realserver is ${JSON.stringify(text)}; expected IP or IP:PORT`, row.at('realserver'));
  return {
    id,
    ip: match[1]!,
    port: match[2] === undefined ? 443 : Number(match[2]),
    status: row.oneOf('status', ['active', 'standby', 'disable'], 'active'),
  };
}

/**
 * `config api-gateway` rows, in order (the first that maps a request wins). A row with `host`
 * declares its virtual host (named `virtual-host`, else after the host); a row with only
 * `virtual-host` names one declared elsewhere. Rows sharing an `id` add real servers to one API gateway.
 */
export function apiGatewaysOf(rows: readonly Row[]): { apiGateways: ApiGateway[]; virtualHosts: VirtualHost[] } {
  const gateways = new Map<number, ApiGateway>();
  const hosts = new Map<string, VirtualHost>();
  rows.forEach((row, i) => {
    const id = row.int('id', i + 1);
    const host = row.get('host');
    const vhost = row.get('virtual-host') ?? host;
    if (host !== undefined) {
      const declared = {
        name: vhost!,
        host,
        hostType: row.oneOf('host-type', ['sub-string', 'wildcard'], 'sub-string'),
      };
      const earlier = hosts.get(declared.name);
      if (earlier && (earlier.host !== declared.host || earlier.hostType !== declared.hostType))
        throw badInput(`virtual host ${declared.name} is declared twice, differently`, row.at('host'));
      hosts.set(declared.name, declared);
    }
    const existing = gateways.get(id);
    const realServer = realServerOf(row, (existing?.realServers.length ?? 0) + 1);
    if (existing) {
      gateways.set(id, { ...existing, realServers: [...existing.realServers, ...(realServer ? [realServer] : [])] });
      return;
    }
    gateways.set(id, {
      id,
      urlMap: row.get('url-map') ?? '/',
      urlMapType: row.oneOf('url-map-type', ['sub-string', 'wildcard', 'regex'], 'sub-string'),
      service: row.get('service') ?? 'https',
      ...(vhost === undefined ? {} : { virtualHost: vhost }),
      realServers: realServer ? [realServer] : [],
    });
  });
  return { apiGateways: [...gateways.values()], virtualHosts: [...hosts.values()] };
}

/** A `subnet` cell as FortiOS writes it: `10.0.3.0 255.255.255.0` or `10.0.3.0/24`. */
function subnetOf(row: Row): { subnet: string; netmask: string } {
  const [subnet, netmask] = row.need('subnet').split(/\s+|\//);
  if (!netmask) throw badInput('subnet needs a mask: ADDR MASK or ADDR/BITS', row.at('subnet'));
  return { subnet: subnet!, netmask };
}

function addressKindOf(row: Row): AddressKind {
  switch (row.oneOf('type', ['ipmask', 'iprange', 'fqdn', 'dynamic'], 'ipmask')) {
    case 'iprange':
      return { type: 'iprange', startIp: row.need('start-ip'), endIp: row.need('end-ip') };
    case 'fqdn':
      return { type: 'fqdn', fqdn: row.need('fqdn') };
    case 'dynamic':
      return { type: 'ems-tag', objTag: row.need('obj-tag') };
    default:
      return { type: 'ipmask', ...subnetOf(row) };
  }
}

/** `config firewall address` rows (type ipmask, iprange, fqdn, or dynamic with an EMS `obj-tag`). */
export const addressesOf = (rows: readonly Row[]): FirewallAddress[] =>
  rows.map((row) => ({ name: row.need('name'), kind: addressKindOf(row) }));

/** `config firewall addrgrp` rows. */
export const addressGroupsOf = (rows: readonly Row[]): AddressGroup[] =>
  rows.map((row) => ({
    name: row.need('name'),
    members: row.list('member'),
    category: row.oneOf('category', ['default', 'ztna-ems-tag', 'ztna-geo-tag'], 'default'),
  }));

/**
 * `config firewall proxy-policy` rows, in order. Tag names are read as a YAML lab reads them
 * (EMS-tag addresses, `EMS1_ZTNA_<tag>`, built-ins, or bare EMS tags); every address must be
 * declared (or be `all`); `ztna-ems-tag-negate` needs FortiOS 7.6.1.
 */
export function proxyPoliciesOf(rows: readonly Row[], objects: ZtnaObjects): ProxyPolicy[] {
  const book = new AddressBook(objects.addresses, objects.addressGroups);
  return rows.map((row, i) => {
    for (const key of ['srcaddr', 'dstaddr'])
      for (const name of row.list(key))
        if (!book.has(name))
          throw badInput(`${key} names "${name}", which no address or addrgrp declares`, row.at(key));
    const negate = row.oneOf('negate', ENABLE_DISABLE, 'disable');
    if (negate === 'enable') requireFeature(objects.version, 'ztna-ems-tag-negate', row.at('negate'));
    const tags = row.list('ztna-ems-tag');
    const name = row.get('name');
    return {
      id: row.int('id', i + 1),
      ...(name === undefined ? {} : { name }),
      status: row.oneOf('status', ENABLE_DISABLE, 'enable'),
      accessProxies: row.list('access-proxy'),
      srcaddr: row.list('srcaddr'),
      dstaddr: row.list('dstaddr'),
      ztnaEmsTag: tags,
      emsTags: emsTagTerms(tags, objects, () => row.at('ztna-ems-tag')),
      ztnaTagsMatchLogic: row.oneOf('match', ['or', 'and'], 'or'),
      ztnaEmsTagNegate: negate,
      users: row.list('users'),
      groups: row.list('groups'),
      action: row.oneOf('action', ['accept', 'deny'], 'deny'),
    };
  });
}
