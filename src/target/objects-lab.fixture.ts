/**
 * Test fixture, not product code: a lab whose gateway decides from FortiOS objects — API gateways
 * of every url-map type (one without an active real server), subnet, range, FQDN and EMS-tag
 * addresses in srcaddr and dstaddr, a rule for a user group, a disabled rule, on 7.6 virtual hosts
 * with certificate settings of their own — and the probes
 * that reach each of its outcomes, for the specs that compare the backends on it.
 */
import type { FortiosVersion, ProxyPolicy, ZtnaObjects } from '../gateway';
import type { LabSpec } from '../lab';

const rule = (id: number, name: string, fields: Partial<ProxyPolicy>): ProxyPolicy => ({
  id,
  name,
  status: 'enable',
  accessProxies: ['ZTNA-web'],
  srcaddr: ['all'],
  dstaddr: ['all'],
  ztnaEmsTag: (fields.emsTags ?? []).flat(),
  emsTags: [],
  ztnaTagsMatchLogic: 'or',
  ztnaEmsTagNegate: 'disable',
  users: [],
  groups: [],
  action: 'accept',
  ...fields,
});

/** The FortiOS objects of the lab, for a given release. */
export const fixtureObjects = (version: FortiosVersion): ZtnaObjects => ({
  version,
  emsConnectors: [],
  vips: [{ name: 'ZTNA-web', extip: '10.0.3.10', extport: 9443, extintf: 'port3', serverType: 'https' }],
  accessProxies: [
    {
      name: 'ZTNA-web',
      vip: 'ZTNA-web',
      clientCert: 'enable',
      emptyCertAction: 'accept',
      userAgentDetect: 'enable',
      authPortal: 'disable',
      apiGateways: [
        {
          id: 1,
          urlMap: '/',
          urlMapType: 'sub-string',
          service: 'https',
          virtualHost: 'web',
          realServers: [{ id: 1, ip: '10.88.0.3', port: 443, status: 'active' }],
        },
        {
          id: 2,
          urlMap: '/v1/*',
          urlMapType: 'wildcard',
          service: 'https',
          virtualHost: 'api',
          realServers: [{ id: 1, ip: '10.88.0.4', port: 443, status: 'disable' }],
        },
        {
          id: 3,
          urlMap: '^/(public|private)/',
          urlMapType: 'regex',
          service: 'https',
          virtualHost: 'files',
          realServers: [{ id: 1, ip: '10.88.0.5', port: 443, status: 'active' }],
        },
      ],
    },
  ],
  // On 7.6 two virtual hosts carry certificate settings of their own.
  virtualHosts: [
    {
      name: 'web',
      host: 'web.example.com',
      hostType: 'sub-string',
      ...(version.minor >= 6 ? { emptyCertAction: 'block' } : {}),
    },
    { name: 'api', host: '*.api.example.com', hostType: 'wildcard' },
    {
      name: 'files',
      host: 'files.example.com',
      hostType: 'sub-string',
      ...(version.minor >= 6 ? { clientCert: 'disable' } : {}),
    },
  ],
  addresses: [
    { name: 'lab-lan', kind: { type: 'ipmask', subnet: '127.0.2.0', netmask: '255.255.255.0' } },
    { name: 'lab-range', kind: { type: 'iprange', startIp: '127.0.3.10', endIp: '127.0.3.20' } },
    { name: 'web-fqdn', kind: { type: 'fqdn', fqdn: 'web.example.com' } },
    { name: 'files-server', kind: { type: 'ipmask', subnet: '10.88.0.5', netmask: '32' } },
    { name: 'EMS1_ZTNA_HR', kind: { type: 'ems-tag', objTag: 'HR' } },
  ],
  addressGroups: [{ name: 'offices', members: ['lab-lan', 'lab-range'], category: 'default' }],
  proxyPolicies: [
    rule(1, 'hr-staff', { dstaddr: ['web-fqdn'], emsTags: [['HR']], groups: ['HR-Staff'] }),
    rule(2, 'office-web', { srcaddr: ['offices'], dstaddr: ['web-fqdn'] }),
    rule(3, 'switched-off', { status: 'disable' }),
    rule(4, 'files-hr', { srcaddr: ['EMS1_ZTNA_HR'], dstaddr: ['files-server'] }),
    rule(5, 'files-no-dev', { dstaddr: ['files-server'], emsTags: [['Dev']], action: 'deny' }),
    rule(6, 'web-finance', { dstaddr: ['web-fqdn'], emsTags: [['Finance']] }),
  ],
  users: [],
  userGroups: [],
});

/** The lab: two tagged endpoints, two users, the gateway of `fixtureObjects`. */
export const objectsLab = (version: FortiosVersion): LabSpec => ({
  endpoints: [
    { name: 'hr-laptop', tags: ['HR'] },
    { name: 'dev-laptop', tags: ['Dev'] },
  ],
  gateways: [
    {
      name: 'fgt',
      objects: fixtureObjects(version),
      users: [{ name: 'alice', groups: ['HR-Staff'] }, { name: 'bob' }],
    },
  ],
});

/** One request of the comparison: endpoint (none: no certificate), URL, source address, user. */
export interface FixtureProbe {
  readonly endpoint?: string;
  readonly url: string;
  readonly sourceAddress?: string;
  readonly user?: string;
}

/** Requests reaching every outcome of the lab (and a source address a wire target cannot send from, a user the lab lacks). */
export const FIXTURE_PROBES: readonly FixtureProbe[] = [
  { endpoint: 'hr-laptop', url: 'https://web.example.com/' },
  { endpoint: 'hr-laptop', url: 'https://web.example.com/', user: 'alice' },
  { endpoint: 'hr-laptop', url: 'https://web.example.com/', user: 'bob' },
  { endpoint: 'hr-laptop', url: 'https://web.example.com/', user: 'mallory' },
  { url: 'https://web.example.com/', user: 'alice', sourceAddress: '127.0.2.9' },
  { endpoint: 'dev-laptop', url: 'https://web.example.com/' },
  { endpoint: 'dev-laptop', url: 'https://web.example.com:9443/', sourceAddress: '127.0.2.7' },
  { endpoint: 'dev-laptop', url: 'https://web.example.com/', sourceAddress: '127.0.3.15' },
  { endpoint: 'dev-laptop', url: 'https://web.example.com/', sourceAddress: '127.0.3.21' },
  { url: 'https://web.example.com/' },
  { url: 'https://web.example.com/', sourceAddress: '127.0.2.200' },
  { endpoint: 'hr-laptop', url: 'https://files.example.com/public/a' },
  { endpoint: 'dev-laptop', url: 'https://files.example.com/private/b' },
  { url: 'https://files.example.com/public/' },
  { endpoint: 'hr-laptop', url: 'https://files.example.com/other/' },
  { endpoint: 'hr-laptop', url: 'https://X.API.example.com/v1/items' },
  { endpoint: 'hr-laptop', url: 'https://x.api.example.com/V1/items' },
  { endpoint: 'hr-laptop', url: 'https://api.example.com/v1/items' },
  { endpoint: 'hr-laptop', url: 'https://unknown.example.net/' },
  { endpoint: 'hr-laptop', url: 'https://web.example.com/', sourceAddress: '10.0.3.25' },
];
