import type { ProxyRule } from '../gateway';
import type { EnforcementModel } from './enforcement-model';

const SHELL_SAFE_HOST = /^[A-Za-z0-9.-]+$/;
const SHELL_SAFE_PATH = /^\/[A-Za-z0-9._~/-]*$/;

/**
 * A destination of the lab for the README's example request: the host and path of the first
 * accept rule that names a host (a `*.suffix` host gets a name under it), else of any rule that
 * names one; `localhost` when every rule is for any host.
 */
export function exampleDestination(rules: readonly ProxyRule[]): { readonly host: string; readonly path: string } {
  const named = (rule: ProxyRule): boolean => rule.host !== undefined && rule.host !== '*';
  const rule = rules.find((r) => r.action === 'accept' && named(r)) ?? rules.find(named);
  const host = rule?.host?.startsWith('*.') ? `www${rule.host.slice(1)}` : (rule?.host ?? 'localhost');
  const path = rule?.path ?? '/';
  // The example is pasted into a shell: only a plain host name and path go into it.
  return {
    host: SHELL_SAFE_HOST.test(host) ? host.toLowerCase() : 'localhost',
    path: SHELL_SAFE_PATH.test(path) ? path : '/',
  };
}

/** The example destination of a gateway in FortiOS objects: its first virtual host that names one host. */
function objectsDestination(model: EnforcementModel): { readonly host: string; readonly path: string } {
  const host = model.objects.virtualHosts.find((v) => SHELL_SAFE_HOST.test(v.host))?.host;
  return { host: host?.toLowerCase() ?? 'localhost', path: '/' };
}

/** README.md of an export folder: what each file is and how to load it. */
export function exportReadme(model: EnforcementModel, port: number): string {
  const { host, path } = model.rules.length > 0 ? exampleDestination(model.rules) : objectsDestination(model);
  const policy = model.nginxPolicy;
  return `# ztna-harness export — access proxy "${model.gateway}"

What a real proxy needs to enforce this lab's access proxy as it stands now (after the last
sync): trusted ZTNA roots, their CRLs, the endpoint records, and the access-proxy settings
(client-cert ${model.settings.clientCert ? 'enable' : 'disable'}, empty-cert-action ${model.settings.emptyCertAction},
user-agent-detect ${model.settings.userAgentDetect ? 'enable' : 'disable'}) of ZTNA server \`${policy.server}\`, its
${policy.routes.length} API gateway(s) and ${policy.rules.length} enabled ZTNA rule(s) for it.

The configs enforce the API gateways' virtual hosts and url-maps (no match: 021; no active real
server: 022), each rule's \`srcaddr\` and \`dstaddr\` (subnets, ranges, FQDNs against the request's
host, EMS-tag addresses), \`ztna-ems-tag\` with its match logic and negation, \`status\` and
\`action\`. Users authenticate with HTTP basic credentials listed in \`users.conf\` and
\`haproxy-users.map\` (0600; empty unless the export was given a password): without valid
ones a request carries no user, and a rule that names users or groups answers it 401
(AUTH_REQUIRED, \`WWW-Authenticate: Basic\`).

| file | what it is |
| --- | --- |
| \`ca-bundle.pem\` | every ZTNA root the access proxy trusts (revoked roots left out) |
| \`crl.pem\` | a current CRL for each of those roots, listing the revocations synced so far |
| \`records.map\` | one \`UID SN\` line per synced endpoint record |
| \`records.conf\`, \`haproxy-records.map\` | the same records with online status and ZTNA tags, for nginx and HAProxy |
| \`haproxy-details.map\`, \`haproxy-rules.map\` | the words of each decision detail and each rule's name, for HAProxy |
| \`users.conf\`, \`haproxy-users.map\`, \`haproxy-groups.map\` | the users' basic credentials (0600) and user groups |
| \`identities/<endpoint>.crt\`, \`.key\` | each endpoint's current certificate and key (keys are 0600) |
| \`server.crt\`, \`server.key\`, \`server.pem\` | the proxy's own TLS identity (\`server.pem\` is both, for HAProxy) |
| \`server-ca.pem\` | the CA clients verify the proxy with |
| \`nginx.conf\` | a complete nginx configuration listening on 127.0.0.1:${port} |
| \`haproxy.cfg\` | the same policy for HAProxy 2.2 or later |

## nginx

    nginx -p "$PWD" -c "$PWD/nginx.conf" -g 'daemon off;'

## HAProxy

    haproxy -f haproxy.cfg

## Try it

    curl --cacert server-ca.pem --cert identities/<endpoint>.crt --key identities/<endpoint>.key \\
         -H 'Host: ${host}' -i https://localhost:${port}${path}

Every answer carries \`X-ZTNA-Reason\` (a reason code of the harness, e.g. \`CERT_REVOKED\`) and,
on deny, \`X-ZTNA-FortiOS-Code\` (the code FortiOS 7.4.1+ shows, e.g. \`063\`; left out when the
gateway's FortiOS version is older, as its block page has none).
Private keys in this folder are test keys of the lab: never reuse them elsewhere.
`;
}
