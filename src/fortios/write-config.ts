/**
 * Writes a FortiOS model as FortiOS CLI configuration text: the `config … edit … set … next …
 * end` an administrator can paste into a FortiGate of the model's version, and that
 * parseFortiosConfig and mapFortiosConfig read back to the same model. Defaults are written out,
 * so the text says what the FortiGate will do; settings the version lacks are left out when they
 * hold their default and refused when they do not.
 */
import { badInput } from '../errors';
import {
  concreteFortiosVersion,
  type FortiosVersion,
  formatFortiosVersion,
  hasFeature,
  VERSION_GATES,
  type VersionGateName,
} from '../gateway';
import type { AccessProxy, AddressKind, FortiosModel, ProxyPolicy, VirtualHost } from './fortios-model';

/** A value in double quotes, `\` and `"` escaped as the CLI reads them. */
export const quoted = (value: string): string => `"${value.replace(/[\\"]/g, '\\$&')}"`;

/** Builds indented configuration text, four spaces per level as FortiOS prints it. */
class ConfigText {
  readonly lines: string[] = [];
  private depth = 0;

  line(text: string): void {
    this.lines.push(`${'    '.repeat(this.depth)}${text}`);
  }

  block(path: string, body: () => void): void {
    this.line(`config ${path}`);
    this.depth++;
    body();
    this.depth--;
    this.line('end');
  }

  table<T>(path: string, items: readonly T[], name: (item: T) => string, body: (item: T) => void): void {
    if (items.length === 0) return;
    this.block(path, () => {
      for (const item of items) {
        this.line(`edit ${name(item)}`);
        this.depth++;
        body(item);
        this.depth--;
        this.line('next');
      }
    });
  }

  /** `set KEY VALUE…`, nothing for an absent value or an empty list. */
  set(key: string, ...values: (string | number | undefined)[]): void {
    const present = values.filter((v): v is string | number => v !== undefined);
    if (present.length > 0) this.line(`set ${key} ${present.join(' ')}`);
  }

  /** `set KEY "a" "b"…` for names and other strings. */
  names(key: string, values: readonly string[] | string | undefined): void {
    if (values === undefined) return;
    this.set(key, ...(typeof values === 'string' ? [values] : values).map(quoted));
  }
}

/** A setting of a release later than the model's: left out at its default, refused otherwise. */
function gated(
  version: FortiosVersion,
  gate: VersionGateName,
  value: string | undefined,
  fallback: string | undefined,
  what: string,
): string | undefined {
  if (hasFeature(version, gate)) return value;
  if (value === fallback) return undefined;
  throw badInput(
    `${what} cannot be written for FortiOS ${formatFortiosVersion(version)}: ${VERSION_GATES[gate].what} came with ${formatFortiosVersion(VERSION_GATES[gate].since)}`,
  );
}

/** The version a written header names: see concreteFortiosVersion. */
export const headerVersion = (version: FortiosVersion): FortiosVersion =>
  version.patch === undefined ? concreteFortiosVersion(version) : version;

/** The model as configuration text with a `#config-version` header naming its version. */
export function writeFortiosConfig(model: FortiosModel, device = 'FGVM64'): string {
  const out = new ConfigText();
  const written = headerVersion(model.version);
  out.lines.push(
    `#config-version=${device}-${formatFortiosVersion(written)}-FW-build0000-000000:opmode=0:vdom=0:user=admin`,
  );
  out.lines.push(`# Written by ztna-harness: the ZTNA objects of VDOM ${model.vdom}.`);
  if (written !== model.version)
    out.lines.push(
      `# FortiOS ${formatFortiosVersion(model.version)} (the newest of the line) is written as ${formatFortiosVersion(written)}, the first release with every behaviour of it the harness models.`,
    );
  out.table(
    'endpoint-control fctems',
    model.emsConnectors,
    (c) => String(c.emsId),
    (c) => {
      out.names('name', c.name);
      out.set('status', c.status);
      out.names('server', c.server);
      out.names('serial-number', c.serialNumber);
      out.names('tenant-id', c.tenantId);
      out.set('trust-ca-cn', c.trustCaCn);
      out.names('verifying-ca', c.verifyingCa);
      out.set('out-of-sync-threshold', c.outOfSyncThreshold);
    },
  );
  out.table(
    'firewall address',
    model.addresses,
    (a) => quoted(a.name),
    (a) => writeAddress(out, a.kind),
  );
  out.table(
    'firewall addrgrp',
    model.addressGroups,
    (g) => quoted(g.name),
    (g) => {
      out.set('category', g.category === 'default' ? undefined : g.category);
      out.names('member', g.members);
    },
  );
  out.table(
    'firewall access-proxy-virtual-host',
    model.virtualHosts,
    (h) => quoted(h.name),
    (h) => writeVirtualHost(out, model.version, h),
  );
  out.table(
    'firewall vip',
    model.vips,
    (v) => quoted(v.name),
    (v) => {
      out.set('type', 'access-proxy');
      out.set('extip', v.extip);
      out.names('extintf', v.extintf);
      out.set('server-type', v.serverType);
      out.set('extport', v.extport);
      out.names('ssl-certificate', v.sslCertificate);
    },
  );
  out.table(
    'firewall access-proxy',
    model.accessProxies,
    (p) => quoted(p.name),
    (p) => writeAccessProxy(out, model.version, p),
  );
  out.table(
    'user local',
    model.users,
    (u) => quoted(u.name),
    (u) => {
      // No password is written: the administrator sets one on the FortiGate.
      out.set('type', u.type);
      out.set('status', u.status);
    },
  );
  for (const kind of ['ldap', 'radius', 'saml', 'tacacs+', 'fsso'] as const) {
    const servers = model.remoteServers.filter((r) => r.kind === kind);
    if (servers.length > 0)
      out.line(`# The user ${kind} servers below are named only: complete their settings on the FortiGate.`);
    out.table(
      `user ${kind}`,
      servers,
      (r) => quoted(r.name),
      () => {},
    );
  }
  out.table(
    'user group',
    model.userGroups,
    (g) => quoted(g.name),
    (g) => out.names('member', g.members),
  );
  out.table(
    'firewall proxy-policy',
    model.proxyPolicies,
    (p) => String(p.id),
    (p) => writePolicy(out, model.version, p),
  );
  return `${out.lines.join('\n')}\n`;
}

function writeAddress(out: ConfigText, kind: AddressKind): void {
  if (kind.type === 'ipmask') {
    out.set('subnet', kind.subnet, kind.netmask);
  } else if (kind.type === 'iprange') {
    out.set('type', 'iprange');
    out.set('start-ip', kind.startIp);
    out.set('end-ip', kind.endIp);
  } else if (kind.type === 'fqdn') {
    out.set('type', 'fqdn');
    out.names('fqdn', kind.fqdn);
  } else {
    out.set('type', 'dynamic');
    out.set('sub-type', 'ems-tag');
    out.names('obj-tag', kind.objTag);
    out.names('tag-type', kind.tagType);
  }
}

function writeVirtualHost(out: ConfigText, version: FortiosVersion, h: VirtualHost): void {
  out.names('ssl-certificate', h.sslCertificate);
  out.names('host', h.host);
  out.set('host-type', h.hostType);
  const what = `access-proxy-virtual-host ${quoted(h.name)}`;
  out.set('client-cert', gated(version, 'virtual-host-certificate-settings', h.clientCert, undefined, what));
  out.set('empty-cert-action', gated(version, 'virtual-host-certificate-settings', h.emptyCertAction, undefined, what));
  out.set('user-agent-detect', gated(version, 'virtual-host-certificate-settings', h.userAgentDetect, undefined, what));
}

function writeAccessProxy(out: ConfigText, version: FortiosVersion, p: AccessProxy): void {
  const what = `access-proxy ${quoted(p.name)}`;
  out.names('vip', p.vip);
  out.set('client-cert', p.clientCert);
  out.set('user-agent-detect', gated(version, 'user-agent-detect', p.userAgentDetect, 'enable', what));
  out.set('auth-portal', p.authPortal);
  out.names('auth-virtual-host', p.authVirtualHost);
  out.set(
    'empty-cert-action',
    p.emptyCertAction === 'accept-unmanageable'
      ? gated(version, 'accept-unmanageable', p.emptyCertAction, undefined, what)
      : p.emptyCertAction,
  );
  out.table(
    'api-gateway',
    p.apiGateways,
    (g) => String(g.id),
    (g) => {
      out.names('url-map', g.urlMap);
      out.set('service', g.service);
      out.names('virtual-host', g.virtualHost);
      out.set('url-map-type', g.urlMapType);
      out.table(
        'realservers',
        g.realServers,
        (s) => String(s.id),
        (s) => {
          out.names('address', s.address);
          out.set('ip', s.ip);
          out.set('port', s.port);
          out.set('status', s.status);
        },
      );
    },
  );
}

function writePolicy(out: ConfigText, version: FortiosVersion, p: ProxyPolicy): void {
  out.names('name', p.name);
  out.set('proxy', 'access-proxy');
  out.names('access-proxy', p.accessProxies);
  out.names('srcaddr', p.srcaddr);
  out.names('dstaddr', p.dstaddr);
  out.names('ztna-ems-tag', p.ztnaEmsTag);
  out.set('ztna-tags-match-logic', p.ztnaTagsMatchLogic);
  out.set(
    'ztna-ems-tag-negate',
    gated(version, 'ztna-ems-tag-negate', p.ztnaEmsTagNegate, 'disable', `proxy-policy ${p.id}`),
  );
  out.names('users', p.users);
  out.names('groups', p.groups);
  out.set('action', p.action);
  out.set('status', p.status);
  out.names('schedule', 'always');
}
