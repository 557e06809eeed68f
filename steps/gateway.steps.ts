import assert from 'node:assert/strict';
import type { DataTable } from '@cucumber/cucumber';
import type { GatewayRecord } from '../src/audit';
import { parseGatewayOutput } from '../src/audit';
import {
  type AccessProxySettings,
  type EmptyCertAction,
  type ProxyRule,
  type ReasonCode,
  requireFeature,
  type VersionGateName,
} from '../src/gateway';
import { given, type StepGroup, tagList, then, thenInLab, when } from './vocabulary';
import type { ZtnaWorld } from './world';

/** "denied with CERT_REVOKED (063, revoked on EMS)" — what a failure message shows of an observation. */
function describeLast(world: ZtnaWorld): string {
  const o = world.lastExchange.observation;
  const parts = [
    o.reason ?? 'no reason given',
    o.fortiosCode,
    o.detail,
    o.evidence.rule && `rule ${o.evidence.rule}${o.evidence.ruleAt ? ` (${o.evidence.ruleAt})` : ''}`,
    o.tlsAlert && `TLS alert ${o.tlsAlert}`,
    o.httpStatus && `HTTP ${o.httpStatus}`,
  ];
  return `${o.verdict === 'allow' ? 'allowed' : 'denied'} (${parts.filter(Boolean).join('; ')})`;
}

/**
 * Checks the last decision. A part the target cannot report (a reason, a detail) makes the step
 * not applicable there, never passed; a target that always reports it and said nothing fails.
 */
async function expectOutcome(
  world: ZtnaWorld,
  verdict: 'allow' | 'deny',
  reason?: ReasonCode,
  detail?: string,
): Promise<undefined | 'skipped'> {
  const o = world.lastExchange.observation;
  const wanted = `${verdict === 'allow' ? 'allowed' : 'denied'}${reason ? ` with ${reason}` : ''}${detail ? ` because ${detail}` : ''}`;
  const fail = () =>
    assert.fail(
      `expected the request to ${world.lastExchange.probe.url} to be ${wanted}, but it was ${describeLast(world)}`,
    );
  if (o.verdict !== verdict) fail();
  const target = await world.target();
  if (reason && o.reason === undefined && !target.reports?.reason)
    return world.notApplicable(`the ${target.info.kind} target does not report reason codes`);
  if (reason && o.reason !== reason) fail();
  if (detail && o.detail === undefined && !target.reports?.detail)
    return world.notApplicable(`the ${target.info.kind} target does not report the detail of a decision`);
  if (detail && o.detail !== detail) fail();
  return undefined;
}

/** Changes the ZTNA server's certificate settings; one its FortiOS release lacks is refused. */
function setting(world: ZtnaWorld, patch: Partial<AccessProxySettings>, gate?: VersionGateName) {
  return world.change((lab) => {
    const gateway = lab.gateway(world.gatewayName);
    if (gate) requireFeature(gateway.version, gate, { file: `access proxy ${gateway.name}` });
    gateway.settings = { ...gateway.settings, ...patch };
  });
}

const toRule = (row: Record<string, string>): ProxyRule => ({
  name: row.name!,
  host: row.host || undefined,
  path: row.path || undefined,
  tags: row.tags ? tagList(row.tags) : undefined,
  tagsMatch: row.match === 'and' ? 'and' : 'or',
  negate: row.negate === 'enable' || row.negate === 'yes',
  action: row.action === 'deny' ? 'deny' : 'accept',
});

const DENIED_WITH = [
  'The last request was denied for this reason (not applicable on a target that reports no reasons).',
  'A deny rule that lists ZTNA tags gives TAGS_DENY (064) when it matches; a deny rule without tags gives POLICY_DENY (062).',
  "Rules exist for the destination but none matched the device's tags: TAGS_NO_MATCH (065); the host is served but no rule matched (path, srcaddr, dstaddr, users): NO_POLICY_MATCH (061).",
  'No API gateway of the ZTNA server maps the host and path (with flat rules: a host no rule names): APP_NOT_FOUND (021); the API gateway that maps it has no active real server: REAL_SERVER_NOT_FOUND (022).',
  'A rule with users or groups matched but the request carries no user: AUTH_REQUIRED (HTTP 401, no block-page code).',
  'Before FortiOS 7.4.1 the block page shows no code, but the reason is the same.',
].join(' ');

const BECAUSE = [
  'Denied for this reason, with this detail (not applicable on a target that reports no details).',
  'The details the access proxy gives: for CERT_INVALID `untrusted-issuer`, `bad-signature`, `root-revoked`, `expired`, `not-yet-valid`, `not-client-auth`, `ca-certificate`, `weak-signature`, `bad-serial`, `subject-not-a-uid`, `record-has-no-certificate` or `sn-mismatch`;',
  'for CERT_REVOKED `serial revoked on EMS and synced`; for NO_DEVICE_INFO `no endpoint record for the UID` or `record-out-of-sync`; for DEVICE_OFFLINE `record says offline`;',
  'for CERT_EMPTY `no client certificate; empty-cert-action block`; for CERT_EMPTY_MANAGEABLE `no client certificate from a unknown device; empty-cert-action accept-unmanageable`;',
  'for APP_NOT_FOUND `no API gateway of SERVER maps HOSTPATH`; for REAL_SERVER_NOT_FOUND `api-gateway ID has no active real server`; for AUTH_REQUIRED `rule NAME needs an authenticated user` (with `; the auth portal asks for it` when auth-portal is enabled);',
  'a certificate-less request that reached the rules carries `no client certificate; empty-cert-action accept` (or `accept-unmanageable`), or `client-cert disabled: no certificate requested`.',
].join(' ');

async function recordList(world: ZtnaWorld): Promise<string> {
  return (await world.lab()).gateway(world.gatewayName).diagnoseRecordList();
}

export const gatewaySteps: StepGroup = {
  actor: 'Access proxy (FortiGate)',
  intro:
    'Settings and rules of `config firewall access-proxy` and `proxy-policy`, and what it decided. "The access proxy" is the one requests go to: the lab\'s first unless a step chose another.',
  steps: [
    given(
      'an access proxy {string} for site {string}',
      'Adds an access proxy whose fabric connector syncs the given site; it accepts every destination.',
      'Given an access proxy "fgt-b" for site "CUSTOMER-TEST"',
      async function (name: string, site: string) {
        return this.change((lab) =>
          lab.addGatewayWithLink({ name, site, rules: [{ name: 'ztna-all', action: 'accept' }] }),
        );
      },
    ),
    given(
      'requests go to access proxy {string}',
      'Chooses the access proxy later steps talk to.',
      'Given requests go to access proxy "fgt-b"',
      async function (name: string) {
        (await this.lab()).gateway(name);
        this.gatewayName = name;
      },
    ),
    given(
      'the access proxy has empty-cert-action {emptyCertAction}',
      '`set empty-cert-action`.',
      'Given the access proxy has empty-cert-action accept-unmanageable',
      async function (action: EmptyCertAction) {
        return setting(
          this,
          { emptyCertAction: action },
          action === 'accept-unmanageable' ? 'accept-unmanageable' : undefined,
        );
      },
    ),
    given(
      'the access proxy has client-cert {toggle}',
      '`set client-cert enable|disable`.',
      'Given the access proxy has client-cert disable',
      async function (on: boolean) {
        return setting(this, { clientCert: on });
      },
    ),
    given(
      'the access proxy keeps using out-of-sync records',
      "Fails open: records past the out-of-sync threshold still authenticate (the engine's default is to deny them).",
      'Given the access proxy keeps using out-of-sync records',
      async function () {
        return setting(this, { outOfSyncAction: 'accept' });
      },
    ),
    given(
      'the access proxy has user-agent-detect {toggle}',
      '`set user-agent-detect enable|disable`.',
      'Given the access proxy has user-agent-detect disable',
      async function (on: boolean) {
        return setting(this, { userAgentDetect: on }, 'user-agent-detect');
      },
    ),
    given(
      'the access proxy has these proxy rules:',
      'Replaces the ordered proxy rules (first match wins). Columns: name, host (exact, `*.suffix` or `*`), path (a prefix), tags (ZTNA tag names separated by commas, e.g. `Domain-Users, HR`; empty: every device), match (or|and), negate (enable|disable), action (accept|deny). A deny rule with tags denies with TAGS_DENY, one without with POLICY_DENY.',
      'Given the access proxy has these proxy rules:\n  | name | host | tags | action |\n  | intranet | intranet.example.com | Domain-Users | accept |',
      async function (table: DataTable) {
        return this.change((lab) => (lab.gateway(this.gatewayName).rules = table.hashes().map(toRule)));
      },
    ),
    when(
      'the access proxy restarts',
      'A restart loses the synced records; the fabric connector reconnects and resyncs 5 seconds (virtual) later.',
      'When the access proxy restarts',
      async function () {
        return this.change((lab) => lab.restartGateway(this.gatewayName));
      },
    ),
    then('the request is allowed', 'The last request was allowed.', 'Then the request is allowed', async function () {
      return expectOutcome(this, 'allow', 'ALLOW');
    }),
    then(
      'the request is denied',
      'The last request was denied, whatever the reason.',
      'Then the request is denied',
      async function () {
        return expectOutcome(this, 'deny');
      },
    ),
    then(
      'the request is denied with {reason}',
      DENIED_WITH,
      'Then the request is denied with CERT_REVOKED',
      async function (reason: ReasonCode) {
        return expectOutcome(this, 'deny', reason);
      },
    ),
    then(
      'the request is denied with {reason} because {string}',
      BECAUSE,
      'Then the request is denied with CERT_INVALID because "untrusted-issuer"',
      async function (reason: ReasonCode, detail: string) {
        return expectOutcome(this, 'deny', reason, detail);
      },
    ),
    then(
      'the decision names the rule {string}',
      'The proxy rule that decided the last request (not applicable on a target that does not name rules).',
      'Then the decision names the rule "intranet"',
      async function (rule: string) {
        const o = this.lastExchange.observation;
        const target = await this.target();
        if (o.evidence.rule === undefined && !target.reports?.rule)
          return this.notApplicable(`the ${target.info.kind} target does not name the rule that decided`);
        assert.equal(o.evidence.rule, rule, `expected rule "${rule}", but the request was ${describeLast(this)}`);
        return undefined;
      },
    ),
    then(
      'the block page shows FortiOS error code {string}',
      'The 3-digit code FortiOS 7.4.1+ shows the user.',
      'Then the block page shows FortiOS error code "063"',
      function (code: string) {
        assert.equal(this.lastExchange.observation.fortiosCode, code, `the request was ${describeLast(this)}`);
      },
    ),
    then(
      'the block page shows no FortiOS error code',
      'The denial carries no 3-digit code: FortiOS before 7.4.1, or an authentication challenge (AUTH_REQUIRED).',
      'Then the block page shows no FortiOS error code',
      function () {
        const o = this.lastExchange.observation;
        assert.equal(o.verdict, 'deny', `the request was ${describeLast(this)}`);
        assert.equal(o.fortiosCode, undefined, `the request was ${describeLast(this)}`);
      },
    ),
    then(
      'the access proxy answers with HTTP status {int}',
      'The HTTP status of the answer: 403 with a block page, 401 asking for authentication (AUTH_REQUIRED), 200 when allowed.',
      'Then the access proxy answers with HTTP status 401',
      function (status: number) {
        const o = this.lastExchange.observation;
        assert.equal(o.httpStatus, status, `the request was ${describeLast(this)}`);
      },
    ),
    thenInLab(
      'diagnose endpoint record list shows endpoint {string} with its current certificate SN',
      "The record carries the SN of the certificate in the endpoint's store.",
      'Then diagnose endpoint record list shows endpoint "laptop-1" with its current certificate SN',
      async function (name: string) {
        const lab = await this.lab();
        const endpoint = lab.endpoint(name);
        const { record, block } = recordOf(await recordList(this), endpoint.uid);
        assert.ok(endpoint.identity, `endpoint "${name}" holds no certificate`);
        assert.equal(record.certSn, endpoint.identity.certificate.serial, `record of ${name}:\n${block}`);
      },
    ),
    thenInLab(
      'diagnose endpoint record list shows {string} for endpoint {string}',
      "A field line of the endpoint's record, as FortiOS prints it.",
      'Then diagnose endpoint record list shows "Client cert SN: 0000000000000000000000000000000000000000" for endpoint "laptop-1"',
      async function (line: string, name: string) {
        const { block } = recordOf(await recordList(this), (await this.lab()).endpoint(name).uid);
        assert.ok(
          block.split('\n').some((l) => l.trim() === line),
          `no line "${line}" in the record of ${name}:\n${block}`,
        );
      },
    ),
    thenInLab(
      'diagnose endpoint record list has no record for endpoint {string}',
      'The access proxy knows nothing of the endpoint.',
      'Then diagnose endpoint record list has no record for endpoint "kiosk-1"',
      async function (name: string) {
        const out = await recordList(this);
        const uid = (await this.lab()).endpoint(name).uid;
        assert.ok(!records(out).some((r) => r.uid === uid), out);
      },
    ),
    thenInLab(
      'diagnose endpoint record list ends with {string}',
      'The summary line.',
      'Then diagnose endpoint record list ends with "online records: 1; offline records: 0; quarantined records: 0; out-of-sync records: 0"',
      async function (summary: string) {
        const out = (await recordList(this)).trimEnd();
        assert.equal(out.split('\n').at(-1), summary);
      },
    ),
  ],
};

/** The records of a record list, read by the same parser `audit` uses on a real FortiGate's output. */
const records = (out: string): readonly GatewayRecord[] =>
  parseGatewayOutput(out, 'diagnose endpoint record list').records;

/** The record of one UID, and its `Record #N:` block as printed (from its line to the next record's). */
function recordOf(out: string, uid: string): { readonly record: GatewayRecord; readonly block: string } {
  const dump = parseGatewayOutput(out, 'diagnose endpoint record list');
  const index = dump.records.findIndex((r) => r.uid === uid);
  assert.ok(index >= 0, `diagnose endpoint record list has no record for UID ${uid}:\n${out}`);
  const record = dump.records[index]!;
  const lines = out.split('\n');
  const end = dump.records[index + 1]?.line ?? dump.summary?.line ?? lines.length + 1;
  return { record, block: lines.slice(record.line - 1, end - 1).join('\n') };
}
