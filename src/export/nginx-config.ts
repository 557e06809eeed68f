import { HarnessError } from '../errors';
import type { CertificateSettings } from '../gateway';
import { REASON_CODES, REASONS } from '../gateway';
import { anonymousDetail, DECISION_DETAILS, type DetailKey, rfc2253Subject } from './decision-details';
import type { EnforcementModel } from './enforcement-model';
import {
  appNotFoundPrefix,
  authRequiredDetail,
  basicToken,
  type CertificateProfiles,
  type ExportPolicy,
  type ExportRule,
  noRealServerDetail,
  ROUTED_REASONS,
} from './export-policy';
import { escapeRegex, tagSubject } from './rule-patterns';
import { validTagNames } from './tag-names';

/** Where the generated nginx runs. */
export interface NginxOptions {
  readonly port: number;
  /** Absolute folder holding the exported files (and nginx's pid and logs). */
  readonly dir: string;
  /** Served at /__ztna/generation so that a reload can be seen to have taken effect. */
  readonly generation: number;
}

/** An nginx string literal. Tags and names reach here validated; `$` has no escape in nginx, so it is refused. */
const q = (text: string): string => {
  if (/[$\r\n]/.test(text))
    throw new HarnessError(
      'BAD_INPUT',
      `cannot write ${JSON.stringify(text)} into an nginx configuration: "$" and line breaks have no escape there`,
    );
  return quoted(text);
};

const quoted = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A regex map key: nginx reads no variables in keys, so `$` is a regex's own there; line breaks are refused. */
const regexKey = (pattern: string): string => {
  if (/[\r\n]/.test(pattern))
    throw new HarnessError(
      'BAD_INPUT',
      `cannot write the regex ${JSON.stringify(pattern)} into an nginx configuration`,
    );
  return quoted(`~${pattern}`);
};

/** `records.conf`: the map of UID → `SN:online|offline:,tags,` (or `stale` once out of sync). */
export function nginxRecords(model: EnforcementModel): string {
  return model.records
    .map(
      (r) =>
        `${q(r.uid)} ${q(model.recordsStale ? 'stale' : `${r.certSn}:${r.online ? 'online' : 'offline'}:${tagSubject(validTagNames(r.tags))}`)};`,
    )
    .join('\n')
    .concat('\n');
}

/** `REASON|detail` (or `anonymous|detail`) as the `$ztna_auth` map carries a decision so far. */
const decided = (reason: string, detail: DetailKey): string => q(`${reason}|${DECISION_DETAILS[detail]}`);

/** How a missing certificate is handled under one profile, as map entries over `$ztna_profile:$ztna_cert:$issuer_revoked:$class`. */
function emptyCertificateEntries(settings: CertificateSettings, profile: number): string[] {
  const anonymous = decided('anonymous', anonymousDetail(settings));
  const p = `p${profile}`;
  switch (settings.emptyCertAction) {
    case 'block':
      return [`"~^${p}:none:" ${decided('CERT_EMPTY', 'empty-block')};`];
    case 'accept':
      return [`"~^${p}:none:" ${anonymous};`];
    case 'accept-unmanageable':
      return [
        `"~^${p}:none:[a-z]+:unmanageable$" ${anonymous};`,
        `"~^${p}:none:" ${decided('CERT_EMPTY_MANAGEABLE', 'empty-manageable')};`,
      ];
  }
}

/** The certificate profile of a request by its host, and what each profile decides without a certificate. */
function profileMaps(profiles: CertificateProfiles): {
  profile: string;
  classes: string;
  ignored: string[];
  empty: string[];
} {
  const detecting = profiles.settings.flatMap((s, i) => (s.userAgentDetect ? [i] : []));
  return {
    profile: `map $host $ztna_profile {\n${profiles.hosts.map((h) => `    ${regexKey(h.pattern)} p${h.profile};`).join('\n')}\n    default p0;\n}`,
    classes: `map "$ztna_profile|$http_user_agent" $ztna_class {\n${detecting.length > 0 ? `    "~*^p(${detecting.join('|')})\\|.*\\b(iPhone|iPad|iPod|Android|Mobile)\\b" unmanageable;\n` : ''}    default unknown;\n}`,
    // client-cert disable: whatever the handshake carried, the request goes to the rules without a device.
    ignored: profiles.settings.flatMap((s, i) =>
      s.clientCert ? [] : [`"~^p${i}:" ${decided('anonymous', anonymousDetail(s))};`],
    ),
    empty: profiles.settings.flatMap((s, i) => (s.clientCert ? emptyCertificateEntries(s, i) : [])),
  };
}

// OpenSSL's verification errors as nginx's $ssl_client_verify names them (`FAILED:<reason>`).
const UNTRUSTED =
  '"~^FAILED:(unable to get local issuer certificate|unable to verify the first certificate|self-signed certificate|self signed certificate)$"';

function decisionMaps(model: EnforcementModel, dir: string): string[] {
  const policy = model.nginxPolicy;
  const profiles = profileMaps(model.profiles);
  const revokedIssuers = model.revokedRoots.map((root) => `    ${q(rfc2253Subject(root))} yes;`);
  return [
    // 1. The certificate: what TLS verification said, against the synced roots and CRLs.
    `map $ssl_client_verify $ztna_cert {\n    SUCCESS present;\n    NONE none;\n    "~^FAILED:certificate revoked" revoked;\n    "FAILED:certificate has expired" invalid:expired;\n    "FAILED:certificate is not yet valid" invalid:not-yet-valid;\n    "FAILED:certificate signature failure" invalid:bad-signature;\n    "~^FAILED:uns(upported|uitable) certificate purpose$" invalid:not-client-auth;\n    ${UNTRUSTED} untrusted;\n    default invalid:tls-verify-failed;\n}`,
    // A revoked root is left out of ca-bundle.pem; its name tells "root-revoked" from "untrusted-issuer".
    `map $ssl_client_i_dn $ztna_issuer_revoked {\n${revokedIssuers.join('\n')}\n    default no;\n}`,
    'map $ssl_client_s_dn $ztna_uid { "~^CN=(?<u>[0-9A-F]{32})$" $u; default "-"; }',
    `map $ztna_uid $ztna_record {\n    "-" baduid;\n    include ${dir}/records.conf;\n    default none;\n}`,
    'map $ztna_record $ztna_record_tags { "~^[^:]*:[^:]*:(?<t>.*)$" $t; default ",,"; }',
    // 2. The record: present, matching SN, online (the order gateway.decide() checks them in).
    `map "$ztna_record/$ssl_client_serial" $ztna_match {\n    "~^none/" ${decided('NO_DEVICE_INFO', 'no-record')};\n    "~^baduid/" ${decided('CERT_INVALID', 'subject-not-a-uid')};\n    "~^stale/" ${decided('NO_DEVICE_INFO', 'record-out-of-sync')};\n    "~^0{40}:" ${decided('CERT_INVALID', 'record-has-no-certificate')};\n    "~^(?<sn>[0-9A-F]{40}):online:[^/]*/\\k<sn>$" device;\n    "~^(?<sn>[0-9A-F]{40}):offline:[^/]*/\\k<sn>$" ${decided('DEVICE_OFFLINE', 'offline')};\n    default ${decided('CERT_INVALID', 'sn-mismatch')};\n}`,
    profiles.profile,
    profiles.classes,
    `map "$ztna_profile:$ztna_cert:$ztna_issuer_revoked:$ztna_class" $ztna_auth {\n${[...profiles.ignored, '"~^p[0-9]+:present:" $ztna_match;', `"~^p[0-9]+:revoked:" ${decided('CERT_REVOKED', 'revoked')};`, `"~^p[0-9]+:untrusted:yes:" ${decided('CERT_INVALID', 'root-revoked')};`, `"~^p[0-9]+:untrusted:" ${decided('CERT_INVALID', 'untrusted-issuer')};`, '"~^p[0-9]+:invalid:(?<d>[a-z-]+):" "CERT_INVALID|$d";', ...profiles.empty].map((e) => `    ${e}`).join('\n')}\n    default ${decided('CERT_INVALID', 'tls-verify-failed')};\n}`,
    `map $ztna_class $ztna_anonymous_tags { unmanageable ${q(tagSubject(policy.anonymousTags.unmanageable))}; default ${q(tagSubject(policy.anonymousTags.unknown))}; }`,
    'map $ztna_auth $ztna_tags { device $ztna_record_tags; "~^anonymous\\|" $ztna_anonymous_tags; default ",,"; }',
    'map $ztna_auth $ztna_auth_detail { "~^[A-Za-z_]+\\|(?<d>.+)$" $d; default ""; }',
    ...ruleMaps(policy, dir),
    ...outcomeMaps(policy),
  ];
}

/** 3. The API gateway, the client's source blocks and the ZTNA rules in order (nginx tests regex map entries in the order they appear). */
function ruleMaps(policy: ExportPolicy, dir: string): string[] {
  const sources = policy.sourceBlocks.map(
    (cidrs, i) => `geo $ztna_src${i} {\n    default "";\n${cidrs.map((c) => `    ${c} "${i},";`).join('\n')}\n}`,
  );
  const subject = `"$ztna_route|,${policy.sourceBlocks.map((_, i) => `$ztna_src${i}`).join('')}|$ztna_tags|$ztna_user|$ztna_groups|$host$request_uri"`;
  // HTTP basic credentials as the export lists them (users.conf, 0600: it holds the passwords' encodings).
  const users = [
    `map $http_authorization $ztna_user {\n    include ${dir}/users.conf;\n    default "-";\n}`,
    `map $ztna_user $ztna_groups {\n${policy.users.map((u) => `    ${q(tagSubject([u.name]))} ${q(tagSubject(u.groups))};`).join('\n')}\n    default ",,";\n}`,
  ];
  const entries = (pairs: readonly (readonly [string, string])[]) =>
    pairs.map(([pattern, value]) => `    ${regexKey(pattern)} ${value};`).join('\n');
  return [
    `map "$host$request_uri" $ztna_route {\n${entries(policy.routes.map((r) => [r.pattern, r.token]))}\n    default none;\n}`,
    ...sources,
    ...users,
    `map ${subject} $ztna_rule {\n${entries(policy.rules.map((r) => [r.pattern, q(r.outcome)]))}\n    default none;\n}`,
    `map ${subject} $ztna_tags_failed {\n${entries(policy.rules.flatMap((r) => (r.tagsFail ? [[r.tagsFail, 'yes'] as const] : [])))}\n    default no;\n}`,
    `map ${subject} $ztna_tags_passed {\n${entries(policy.rules.flatMap((r) => (r.tagsPass ? [[r.tagsPass, 'P'] as const] : [])))}\n    default "";\n}`,
  ];
}

/** 4. The decision: what the certificate stage decided, else the route, else the rules (ZtnaPolicy's order). */
function outcomeMaps(policy: ExportPolicy): string[] {
  const ruleNamed = (kinds: string, r: ExportRule) => `    "~^(${kinds})\\|${r.outcome.replace(/^[a-z]+/, '[a-z]+')}$"`;
  const names = policy.rules.map((r) => `${ruleNamed('ALLOW|TAGS_DENY|POLICY_DENY|AUTH_REQUIRED', r)} ${q(r.name)};`);
  const authDetails = policy.rules
    .filter((r) => r.outcome.startsWith('auth/'))
    .map((r) => `    "~^AUTH_REQUIRED\\|[^|]*\\|${r.outcome}$" ${q(authRequiredDetail(policy, r))};`);
  const noServer = policy.routes
    .filter((r) => r.token.startsWith('n'))
    .map((r) => `    "~^REAL_SERVER_NOT_FOUND\\|${r.token}\\|" ${q(noRealServerDetail(r))};`);
  const codes = REASON_CODES.filter((r) => REASONS[r].fortiosCode).map((r) => `    ${r} ${REASONS[r].fortiosCode};`);
  return [
    `map "$ztna_route|$ztna_rule|$ztna_tags_failed$ztna_tags_passed|$ztna_auth" $ztna_reason {\n${REASON_ORDER.join('\n')}\n    default CERT_INVALID;\n}`,
    `map "$ztna_reason|$ztna_rule" $ztna_rule_name {\n${names.join('\n')}\n    default "";\n}`,
    `map "$ztna_reason|$ztna_route|$ztna_rule" $ztna_detail {\n    "~^APP_NOT_FOUND\\|" ${q(appNotFoundPrefix(policy)).slice(0, -1)}$host$request_uri";\n${[...noServer, ...authDetails].join('\n')}\n    default $ztna_auth_detail;\n}`,
    `map $ztna_reason $ztna_code {\n${policy.showsCodes ? codes.join('\n') : ''}\n    default "";\n}`,
    // The API gateway that mapped the request, once one did (the engine's evidence.apiGateway).
    `map "$ztna_reason|$ztna_route" $ztna_api_gateway {\n${policy.routes.map((r) => `    "~^(${ROUTED_REASONS})\\|${r.token}$" ${r.id};`).join('\n')}\n    default "";\n}`,
    'map $ztna_reason $ztna_www_authenticate { AUTH_REQUIRED \'Basic realm="ztna-harness"\'; default ""; }',
  ];
}

/** `users.conf`: the `Authorization` header of each listed user (`password` for all) → `,name,`; empty without a password. */
export function nginxUsers(model: EnforcementModel, password: string | undefined): string {
  if (password === undefined) return '';
  return model.nginxPolicy.users
    .map(
      (u) => `${regexKey(`^(?i:basic) ${escapeRegex(basicToken(u.name, password))}$`)} ${q(tagSubject([u.name]))};\n`,
    )
    .join('');
}

/** `$ztna_reason` over `route|rule|tags-failed|auth`: a certificate-stage reason first, as gateway.decide() checks it first. */
const REASON_ORDER = [
  '    "~^[^|]*\\|[^|]*\\|[^|]*\\|(?<r>[A-Z_]+)\\|" $r;',
  '    "~^none\\|" APP_NOT_FOUND;',
  '    "~^n[0-9]+\\|" REAL_SERVER_NOT_FOUND;',
  '    "~^g[0-9]+\\|accept/" ALLOW;',
  '    "~^g[0-9]+\\|deny/t/" TAGS_DENY;',
  '    "~^g[0-9]+\\|deny/n/" POLICY_DENY;',
  '    "~^g[0-9]+\\|auth/" AUTH_REQUIRED;',
  '    "~^g[0-9]+\\|none\\|yes\\|" TAGS_NO_MATCH;',
  '    "~^g[0-9]+\\|none\\|" NO_POLICY_MATCH;',
];

/**
 * A complete nginx.conf enforcing the gateway like FortiGate would: chain to the synced ZTNA
 * roots, their CRLs, UID/SN against the synced records, the empty-cert-action, the API gateways
 * and the ZTNA rules; the reason code goes back in X-ZTNA-Reason (and, from FortiOS 7.4.1, the
 * FortiOS code in X-ZTNA-FortiOS-Code).
 */
export function nginxConfig(model: EnforcementModel, options: NginxOptions): string {
  const verify = model.profiles.settings.some((s) => s.clientCert) ? 'optional_no_ca' : 'off';
  const deny = `return 403 '{"verdict":"deny","reason":"$ztna_reason","fortiosCode":"$ztna_code"}\\n';`;
  return `# Generated by ztna-harness export for access proxy "${model.gateway}". Regenerate; do not edit.
worker_processes 1;
# nginx clears its workers' environment: these let ztna-harness run it at a lab's virtual time
# (libfaketime); without them set they do nothing.
env FAKETIME_TIMESTAMP_FILE;
env FAKETIME_NO_CACHE;
env FAKETIME_DONT_FAKE_MONOTONIC;
pid ${options.dir}/nginx.pid;
error_log ${options.dir}/error.log warn;
events { worker_connections 512; }
http {
    access_log off;
    client_body_temp_path ${options.dir}/client_body;
    proxy_temp_path ${options.dir}/proxy;
    map_hash_max_size 262144;
    map_hash_bucket_size 256;
    default_type application/json;

    ${decisionMaps(model, options.dir).join('\n    ').replace(/\n/g, '\n    ')}

    server {
        listen 127.0.0.1:${options.port} ssl;
        server_name _;
        ssl_certificate ${options.dir}/server.crt;
        ssl_certificate_key ${options.dir}/server.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        # optional_no_ca: an untrusted or failed certificate still reaches the maps below, so
        # every request ends in a reason code instead of nginx's own 400 page.
        ssl_verify_client ${verify};
        ssl_client_certificate ${options.dir}/ca-bundle.pem;
        ssl_crl ${options.dir}/crl.pem;
        ssl_verify_depth 1;
        add_header X-ZTNA-Reason $ztna_reason always;
        add_header X-ZTNA-FortiOS-Code $ztna_code always;
        add_header X-ZTNA-Rule $ztna_rule_name always;
        add_header X-ZTNA-Detail $ztna_detail always;
        add_header X-ZTNA-Api-Gateway $ztna_api_gateway always;
        # Only on AUTH_REQUIRED (an empty value adds no header): the challenge a rule with users asks for.
        add_header WWW-Authenticate $ztna_www_authenticate always;
        error_page 495 = @ztna_certificate_error;

        location = /__ztna/generation { return 200 "${options.generation}\\n"; }
        location @ztna_certificate_error { ${deny} }
        location / {
            if ($ztna_reason = AUTH_REQUIRED) { ${deny.replace('403', '401')} }
            if ($ztna_reason != ALLOW) { ${deny} }
            return 200 '{"verdict":"allow","reason":"ALLOW","rule":"$ztna_rule_name"}\\n';
        }
    }
}
`;
}
