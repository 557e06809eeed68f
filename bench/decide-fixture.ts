import { type AccessRequest, type EndpointRecord, Gateway, type ProxyRule, type SyncedRoot } from '../src/gateway';
import { createLab, type Lab, type LabSpec } from '../src/lab';
import { syntheticRecords, syntheticSerials } from './synthetic-records';

const MOBILE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

const RULES: readonly ProxyRule[] = [
  { name: 'hr-portal', host: 'hr.example.com', tags: ['Domain-Users', 'HR'], tagsMatch: 'and', action: 'accept' },
  { name: 'billing-closed', host: 'billing.example.com', action: 'deny' },
  { name: 'intranet', host: 'intranet.example.com', tags: ['Domain-Users'], action: 'accept' },
  { name: 'status-page', host: 'status.example.com', tags: ['EMS_ALL_UNMANAGEABLE_CLIENTS'], action: 'accept' },
];

const SPEC: LabSpec = {
  seed: 'bench-decide',
  clockStart: '2026-03-02T09:00:00Z',
  sites: [{ name: 'default' }, { name: 'CUSTOMER-TEST' }],
  endpoints: [
    { name: 'user', tags: ['Domain-Users'] },
    { name: 'hr', tags: ['Domain-Users', 'HR'] },
    { name: 'untagged', tags: [] },
    { name: 'offline', tags: ['Domain-Users'], online: false },
    { name: 'revoked', tags: ['Domain-Users'] },
    { name: 'other-site', site: 'CUSTOMER-TEST', tags: ['Domain-Users'] },
    { name: 'unsynced', tags: ['Domain-Users'] },
    { name: 'stale-sn', tags: ['Domain-Users'] },
  ],
  gateways: [{ name: 'fgt-1', settings: { emptyCertAction: 'accept-unmanageable' }, rules: RULES }],
};

/** The real part of a decide benchmark: a lab's roots, records and revocations, and requests with a mix of outcomes. */
export interface DecideFixture {
  readonly lab: Lab;
  readonly roots: readonly SyncedRoot[];
  readonly realRecords: readonly EndpointRecord[];
  readonly revokedSerial: string;
  /** What each request must end in, whatever the size of the synced state. */
  readonly requests: readonly { readonly request: AccessRequest; readonly expect: string }[];
}

/** Builds the lab (a few real certificates: two sites, one revoked, one record missing, one SN stale). */
export async function decideFixture(): Promise<DecideFixture> {
  const lab = await createLab(SPEC);
  lab.ems.revokeClientCertificate(lab.endpoint('revoked').uid);
  const source = lab.gateway('fgt-1');
  const cert = (name: string) => lab.endpoint(name).identity!.certificate;
  const unsynced = lab.endpoint('unsynced').uid;
  const stale = lab.endpoint('stale-sn').uid;
  const realRecords = [...source.records.values()]
    .filter((r) => r.uid !== unsynced)
    .map((r) => (r.uid === stale ? { ...r, certSn: 'AB'.repeat(20) } : r));
  const to = (host: string, path = '/') => ({
    host,
    path,
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0',
  });
  const requests = [
    { request: { certificate: cert('user'), ...to('intranet.example.com') }, expect: 'ALLOW' },
    { request: { certificate: cert('hr'), ...to('hr.example.com', '/payroll') }, expect: 'ALLOW' },
    { request: { certificate: cert('user'), ...to('intranet.example.com', '/wiki') }, expect: 'ALLOW' },
    { request: { certificate: cert('user'), ...to('hr.example.com', '/payroll') }, expect: 'TAGS_NO_MATCH' },
    { request: { certificate: cert('untagged'), ...to('intranet.example.com') }, expect: 'TAGS_NO_MATCH' },
    { request: { certificate: cert('user'), ...to('billing.example.com') }, expect: 'POLICY_DENY' },
    { request: { certificate: cert('user'), ...to('unknown.example.com') }, expect: 'APP_NOT_FOUND' },
    { request: { certificate: cert('offline'), ...to('intranet.example.com') }, expect: 'DEVICE_OFFLINE' },
    { request: { certificate: cert('revoked'), ...to('intranet.example.com') }, expect: 'CERT_REVOKED' },
    { request: { certificate: cert('other-site'), ...to('intranet.example.com') }, expect: 'CERT_INVALID' },
    { request: { certificate: cert('unsynced'), ...to('intranet.example.com') }, expect: 'NO_DEVICE_INFO' },
    { request: { certificate: cert('stale-sn'), ...to('intranet.example.com') }, expect: 'CERT_INVALID' },
    { request: to('intranet.example.com'), expect: 'CERT_EMPTY_MANAGEABLE' },
    { request: { ...to('status.example.com'), userAgent: MOBILE }, expect: 'ALLOW' },
  ];
  return { lab, roots: source.anchors.roots, realRecords, revokedSerial: cert('revoked').serial, requests };
}

/** A gateway like the lab's, synced with the real records and revocations padded to `size` each. */
export function gatewayOfSize(fixture: DecideFixture, size: number): Gateway {
  const gateway = new Gateway({
    name: `fgt-${size}`,
    clock: fixture.lab.clock,
    settings: SPEC.gateways![0]!.settings,
    rules: RULES,
  });
  const records = [...fixture.realRecords, ...syntheticRecords(size - fixture.realRecords.length, size)];
  const revokedSerials = [fixture.revokedSerial, ...syntheticSerials(size - 1, size + 1)];
  gateway.applySync({ roots: fixture.roots, records, revokedSerials });
  return gateway;
}
