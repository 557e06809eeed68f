import { HarnessError } from '../errors';
import { REASON_CODES, REASONS } from '../gateway';
import { anonymousDetail, DECISION_DETAILS, type DetailKey, rfc2253Subject } from './decision-details';
import type { EnforcementModel } from './enforcement-model';
import {
  appNotFoundPrefix,
  authRequiredDetail,
  basicToken,
  type CertificateProfiles,
  type ExportPolicy,
  noRealServerDetail,
  ROUTED_REASONS,
} from './export-policy';
import { tagSubject } from './rule-patterns';
import { validTagNames } from './tag-names';

// HAProxy splits sample-fetch arguments at commas, so its tag lists use semicolons.
const SEP = ';';

/**
 * A regex as one HAProxy config word: single quotes stop every escape and `${…}` expansion of the
 * config parser, and a quote inside becomes PCRE's `\x27`.
 */
const word = (pattern: string): string => `'${pattern.replace(/'/g, '\\x27')}'`;

/** `haproxy-records.map`: UID → `SN:online|offline:;tags;` (or `stale`), one per line. */
export function haproxyRecords(model: EnforcementModel): string {
  return model.records
    .map(
      (r) =>
        `${r.uid} ${model.recordsStale ? 'stale' : `${r.certSn}:${r.online ? 'online' : 'offline'}:${tagSubject(validTagNames(r.tags), SEP)}`}`,
    )
    .join('\n')
    .concat('\n');
}

/**
 * `haproxy-details.map`: the key of each decision detail → the text X-ZTNA-Detail carries; with
 * the gateway's own: APP_NOT_FOUND's (the host and path follow), each route's 022, each AUTH_REQUIRED.
 */
export function haproxyDetails(model?: EnforcementModel): string {
  const policy = model?.haproxyPolicy;
  const own: [string, string][] = policy
    ? [
        ['app-not-found', appNotFoundPrefix(policy).trimEnd()],
        ...policy.routes.map((r): [string, string] => [`no-server-${r.token}`, noRealServerDetail(r)]),
        ...policy.rules.map((r): [string, string] => [`auth-${positionOf(r.outcome)}`, authRequiredDetail(policy, r)]),
      ]
    : [];
  return [...Object.entries(DECISION_DETAILS), ...own].map(([key, text]) => `${key} ${text}\n`).join('');
}

/** `haproxy-rules.map`: a rule's position → its name, for X-ZTNA-Rule. */
export function haproxyRuleNames(model: EnforcementModel): string {
  const lines = model.haproxyPolicy.rules.map((r) => `${positionOf(r.outcome)} ${r.name}\n`);
  return [...new Set(lines)].join('');
}

/** `haproxy-users.map`: each listed user's basic-credentials token (`password` for all) → `;name;`; empty without a password. */
export function haproxyUsers(model: EnforcementModel, password: string | undefined): string {
  if (password === undefined) return '';
  return model.haproxyPolicy.users
    .map((u) => `${basicToken(u.name, password)} ${tagSubject([u.name], SEP)}\n`)
    .join('');
}

/** `haproxy-groups.map`: `;name;` → `;group1;group2;`. */
export function haproxyGroups(model: EnforcementModel): string {
  return model.haproxyPolicy.users.map((u) => `${tagSubject([u.name], SEP)} ${tagSubject(u.groups, SEP)}\n`).join('');
}

const positionOf = (outcome: string): string => outcome.split('/')[2]!;

/** The API gateway, the source blocks, the subject, then each rule in order (first match wins). */
function ruleLines(policy: ExportPolicy, d: string): string[] {
  const routes = policy.routes.map(
    (r) =>
      `    http-request set-var(txn.route) str(${r.token}) if { var(txn.hostpath) -m reg ${word(r.pattern)} } !{ var(txn.route) -m found }`,
  );
  const sources = policy.sourceBlocks.map(
    (cidrs, i) =>
      `    http-request set-var(txn.sources) var(txn.sources),concat(,,${i}${SEP}) if { src ${cidrs.join(' ')} }`,
  );
  const rules = policy.rules.flatMap((r, i) => [
    `    acl rule${i} var(txn.subject) -m reg ${word(r.pattern)}`,
    `    http-request set-var(txn.rule) str(${r.outcome}) if rule${i} !{ var(txn.rule) -m found }`,
    ...(r.tagsFail
      ? [
          `    acl tagsfail${i} var(txn.subject) -m reg ${word(r.tagsFail)}`,
          `    http-request set-var(txn.tagsfailed) str(yes) if tagsfail${i}`,
        ]
      : []),
    ...(r.tagsPass
      ? [
          `    acl tagspass${i} var(txn.subject) -m reg ${word(r.tagsPass)}`,
          `    http-request set-var(txn.tagspassed) str(yes) if tagspass${i}`,
        ]
      : []),
  ]);
  return [
    ...routes,
    '    http-request set-var(txn.route) str(none) if !{ var(txn.route) -m found }',
    `    http-request set-var(txn.sources) str(${SEP})`,
    ...sources,
    // HTTP basic credentials as the export lists them (haproxy-users.map, 0600), the user's groups.
    `    http-request set-var(txn.cred) req.hdr(authorization),word(2,\\ ) if { req.hdr(authorization) -m reg -i ^basic\\x20 }`,
    `    http-request set-var(txn.user) var(txn.cred),map(${d}/haproxy-users.map) if { var(txn.cred) -m found }`,
    '    http-request set-var(txn.user) str(-) if !{ var(txn.user) -m found }',
    `    http-request set-var(txn.groups) var(txn.user),map(${d}/haproxy-groups.map,${SEP}${SEP})`,
    '    http-request set-var(txn.subject) var(txn.route),concat(|,txn.sources),concat(|,txn.tags),concat(|,txn.user),concat(|,txn.groups),concat(|,txn.hostpath)',
    ...rules,
  ];
}

/** What the route and the rules decide, in ZtnaPolicy's order, with the rule's name and the detail keys. */
function outcomeLines(d: string, routes: ExportPolicy['routes']): string[] {
  const ruleReasons = 'ALLOW TAGS_DENY POLICY_DENY AUTH_REQUIRED';
  return [
    decideIf('APP_NOT_FOUND', undefined, '{ var(txn.route) -m str none }'),
    decideIf('REAL_SERVER_NOT_FOUND', undefined, '{ var(txn.route) -m beg n }'),
    decideIf('ALLOW', undefined, '{ var(txn.rule) -m beg accept/ }'),
    decideIf('TAGS_DENY', undefined, '{ var(txn.rule) -m beg deny/t/ }'),
    decideIf('POLICY_DENY', undefined, '{ var(txn.rule) -m beg deny/n/ }'),
    decideIf('AUTH_REQUIRED', undefined, '{ var(txn.rule) -m beg auth/ }'),
    `    http-request set-var(txn.rulepos) var(txn.rule),field(3,/) if { var(txn.reason) -m str ${ruleReasons} }`,
    `    http-request set-var(txn.rulename) var(txn.rulepos),map(${d}/haproxy-rules.map) if { var(txn.rulepos) -m found }`,
    '    http-request set-var(txn.dkey) str(auth-),concat(,txn.rulepos) if { var(txn.reason) -m str AUTH_REQUIRED }',
    '    http-request set-var(txn.dkey) str(no-server-),concat(,txn.route) if { var(txn.reason) -m str REAL_SERVER_NOT_FOUND }',
    decideIf('TAGS_NO_MATCH', undefined, '{ var(txn.tagsfailed) -m str yes } !{ var(txn.tagspassed) -m found }'),
    decideIf('NO_POLICY_MATCH', undefined, 'TRUE'),
    `    http-request set-var(txn.detail) var(txn.dkey),map(${d}/haproxy-details.map) if { var(txn.dkey) -m found }`,
    ...routes.map(
      (r) =>
        `    http-request set-var(txn.apigw) int(${r.id}) if { var(txn.route) -m str ${r.token} } { var(txn.reason) -m str ${ROUTED_REASONS.replace(/\|/g, ' ')} }`,
    ),
    // The host and path follow the detail's words, as in the engine's "no API gateway of … maps host/path".
    `    http-request set-var(txn.detail) str(app-not-found),map(${d}/haproxy-details.map),concat(\\ ,txn.hostpath) if { var(txn.reason) -m str APP_NOT_FOUND }`,
  ];
}

/** Decides `reason` (and its detail) when `condition` holds, unless an earlier line already decided. */
function decideIf(reason: string, detail: DetailKey | undefined, condition: string): string {
  const open = `if ${condition} !{ var(txn.reason) -m found }`;
  const lines = detail ? [`    http-request set-var(txn.dkey) str(${detail}) ${open}`] : [];
  return [...lines, `    http-request set-var(txn.reason) str(${reason}) ${open}`].join('\n');
}

/** The profile of the request by its host, whether its certificate counts, whether its browser is mobile. */
function profileLines(profiles: CertificateProfiles): string[] {
  const of = (pick: (s: CertificateProfiles['settings'][number]) => boolean) =>
    profiles.settings.flatMap((s, i) => (pick(s) ? [`p${i}`] : []));
  const certOn = of((s) => s.clientCert);
  const detecting = of((s) => s.userAgentDetect);
  return [
    '    http-request set-var(txn.host) req.hdr(host),field(1,:),lower',
    ...profiles.hosts.map(
      (h) =>
        `    http-request set-var(txn.profile) str(p${h.profile}) if { var(txn.host) -m reg ${word(h.pattern)} } !{ var(txn.profile) -m found }`,
    ),
    '    http-request set-var(txn.profile) str(p0) if !{ var(txn.profile) -m found }',
    // client-cert disable: a certificate the handshake carried does not count.
    ...(certOn.length > 0
      ? [
          `    http-request set-var(txn.certused) str(yes) if { ssl_c_used } { var(txn.profile) -m str ${certOn.join(' ')} }`,
        ]
      : []),
    ...(detecting.length > 0
      ? [
          `    http-request set-var(txn.mobile) str(yes) if { req.hdr(user-agent) -m reg -i \\b(iPhone|iPad|iPod|Android|Mobile)\\b } { var(txn.profile) -m str ${detecting.join(' ')} }`,
        ]
      : []),
  ];
}

/** Each profile's empty-cert-action, then the detail of a request let in without a device. */
function emptyCertificateLines(profiles: CertificateProfiles): string[] {
  return profiles.settings.flatMap((s, i) => {
    const here = `{ var(txn.profile) -m str p${i} }`;
    const anonymous = `    http-request set-var(txn.dkey) str(${anonymousDetail(s)}) if !cert_used ${here} !{ var(txn.reason) -m found }`;
    if (!s.clientCert || s.emptyCertAction === 'accept') return [anonymous];
    if (s.emptyCertAction === 'block') return [decideIf('CERT_EMPTY', 'empty-block', `!cert_used ${here}`), anonymous];
    return [decideIf('CERT_EMPTY_MANAGEABLE', 'empty-manageable', `!cert_used !unmanageable ${here}`), anonymous];
  });
}

/** The issuers of revoked roots (left out of ca-bundle.pem) by name, for "root-revoked". */
function revokedIssuerAcl(model: EnforcementModel): string {
  const names = model.revokedRoots.map(rfc2253Subject);
  if (names.length === 0) return 'always_false';
  for (const name of names)
    if (name.includes("'"))
      throw new HarnessError(
        'BAD_INPUT',
        `cannot write the root name ${JSON.stringify(name)} into an HAProxy configuration`,
      );
  return `ssl_c_i_dn(,0,rfc2253) -m str ${names.map((n) => `'${n}'`).join(' ')}`;
}

// X509_V_ERR_* codes HAProxy's ssl_c_err gives: the first verification error of the client certificate.
const UNTRUSTED = '{ ssl_c_err 18 20 21 }';

/** What the certificate and the record decide, in the order gateway.decide() checks them: [reason, detail, condition]. */
const CERTIFICATE_CHECKS: readonly (readonly [string, DetailKey, string])[] = [
  ['CERT_INVALID', 'root-revoked', `${UNTRUSTED} issuer_revoked`],
  ['CERT_INVALID', 'untrusted-issuer', UNTRUSTED],
  ['CERT_INVALID', 'bad-signature', '{ ssl_c_err 7 }'],
  ['CERT_REVOKED', 'revoked', '{ ssl_c_err 23 }'],
  ['CERT_INVALID', 'expired', '{ ssl_c_err 10 }'],
  ['CERT_INVALID', 'not-yet-valid', '{ ssl_c_err 9 }'],
  ['CERT_INVALID', 'not-client-auth', '{ ssl_c_err 26 }'],
  ['CERT_INVALID', 'tls-verify-failed', '!{ ssl_c_verify 0 }'],
  ['CERT_INVALID', 'subject-not-a-uid', '!{ var(txn.uid) -m reg ^[0-9A-F]{32}$ }'],
  ['NO_DEVICE_INFO', 'no-record', '{ var(txn.record) -m str none }'],
  ['NO_DEVICE_INFO', 'record-out-of-sync', '{ var(txn.record) -m str stale }'],
  ['CERT_INVALID', 'record-has-no-certificate', '{ var(txn.record) -m reg ^0{40}: }'],
  ['CERT_INVALID', 'sn-mismatch', '!{ var(txn.match) -m reg ^(?<sn>[0-9A-F]{40}):(online|offline):[^/]*/\\k<sn>$ }'],
  ['DEVICE_OFFLINE', 'offline', '{ var(txn.match) -m reg ^[0-9A-F]{40}:offline: }'],
];

const certificateLines = (): string[] =>
  CERTIFICATE_CHECKS.map(([reason, detail, condition]) => decideIf(reason, detail, `cert_used ${condition}`));

/**
 * An HAProxy (2.2+) configuration enforcing the same decision as the nginx one: chain and CRL by
 * `verify optional` with the errors kept for the rules, record match by map, rules in order; the
 * reason, FortiOS code, detail and rule go back in X-ZTNA-* headers.
 */
export function haproxyConfig(
  model: EnforcementModel,
  options: { port: number; dir: string; generation?: number },
): string {
  const d = options.dir;
  const policy = model.haproxyPolicy;
  const headers =
    'hdr X-ZTNA-Reason %[var(txn.reason)] hdr X-ZTNA-FortiOS-Code %[var(txn.code)] hdr X-ZTNA-Detail %[var(txn.detail)] hdr X-ZTNA-Rule %[var(txn.rulename)] hdr X-ZTNA-Api-Gateway %[var(txn.apigw)]';
  return `# Generated by ztna-harness export for access proxy "${model.gateway}". Regenerate; do not edit.
global
    log stdout format raw local0 err
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend ztna_access_proxy
    bind 127.0.0.1:${options.port} ssl crt ${d}/server.pem ca-file ${d}/ca-bundle.pem crl-file ${d}/crl.pem verify ${model.profiles.settings.some((s) => s.clientCert) ? 'optional' : 'none'} ca-ignore-err all crt-ignore-err all
    http-request return status 200 content-type text/plain string ${options.generation ?? 1} if { path /__ztna/generation }
    acl cert_used var(txn.certused) -m found
    acl unmanageable var(txn.mobile) -m found
    acl issuer_revoked ${revokedIssuerAcl(model)}
${profileLines(model.profiles).join('\n')}
    http-request set-var(txn.uri) pathq
    http-request set-var(txn.hostpath) req.hdr(host),field(1,:),lower,concat(,txn.uri)
    http-request set-var(txn.uid) ssl_c_s_dn(CN) if cert_used
    http-request set-var(txn.record) var(txn.uid),map(${d}/haproxy-records.map,none) if cert_used
    http-request set-var(txn.sn) ssl_c_serial,hex if cert_used
    http-request set-var(txn.match) var(txn.record),concat(/,txn.sn) if cert_used
${certificateLines().join('\n')}
${emptyCertificateLines(model.profiles).join('\n')}
    http-request set-var(txn.tags) var(txn.record),field(3,:) if cert_used
    http-request set-var(txn.tags) str(${tagSubject(policy.anonymousTags.unmanageable, SEP)}) if !cert_used unmanageable
    http-request set-var(txn.tags) str(${tagSubject(policy.anonymousTags.unknown, SEP)}) if !cert_used !unmanageable
${ruleLines(policy, d).join('\n')}
${outcomeLines(d, policy.routes).join('\n')}
${REASON_CODES.filter((r) => policy.showsCodes && REASONS[r].fortiosCode)
  .map((r) => `    http-request set-var(txn.code) str(${REASONS[r].fortiosCode}) if { var(txn.reason) -m str ${r} }`)
  .join('\n')}
    http-request return status 200 content-type application/json lf-string '{"verdict":"allow","reason":"ALLOW"}' ${headers} if { var(txn.reason) -m str ALLOW }
    http-request return status 401 content-type application/json lf-string '{"verdict":"deny","reason":"AUTH_REQUIRED"}' ${headers} hdr WWW-Authenticate 'Basic realm="ztna-harness"' if { var(txn.reason) -m str AUTH_REQUIRED }
    http-request return status 403 content-type application/json lf-string '{"verdict":"deny","reason":"%[var(txn.reason)]"}' ${headers}
`;
}
