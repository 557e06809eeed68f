/**
 * The reference model of a lab's flat rules (DESIGN.md §1, `config firewall proxy-policy`, in
 * the harness's shorthand): ordered, first match wins, a host pattern, a path prefix, EMS tags
 * with or/and and negate, accept or deny.
 */
import { RULES, type Rule } from './actions';
import type { AccessProxyModel, CertificateSettings } from './reference-access-proxy';

const DEFAULT_CERTIFICATE_SETTINGS: CertificateSettings = {
  clientCert: true,
  emptyCertAction: 'block',
  userAgentDetect: true,
};

/**
 * The lab's flat rules: one ZTNA server whose applications are the hosts the rules name (exact,
 * or `*.suffix` for its subdomains); a host none names is no application (021).
 */
export function flatRulesModel(): AccessProxyModel {
  const covers = (pattern: string, host: string) => {
    const h = host.toLowerCase();
    return pattern.startsWith('*.') ? h.endsWith(pattern.slice(1)) : h === pattern;
  };
  return {
    version: '7.4',
    reportsApiGateway: false,
    initialSettings: DEFAULT_CERTIFICATE_SETTINGS,
    server: () => 'ztna-server',
    certificateSettings: (_request, first) => first,
    decide(request, tags) {
      if (!RULES.some((rule) => covers(rule.host, request.host))) return { reason: 'APP_NOT_FOUND' };
      let destination = false;
      for (const rule of RULES as readonly Rule[]) {
        if (!covers(rule.host, request.host)) continue;
        if ('path' in rule && !request.path.startsWith(rule.path)) continue;
        destination = true;
        if ('tags' in rule) {
          const hits = rule.tags.filter((t) => tags.includes(t)).length;
          const match = 'tagsMatch' in rule ? hits === rule.tags.length : hits > 0;
          if (match === ('negate' in rule && rule.negate)) continue;
        }
        if (rule.action === 'accept') return { reason: 'ALLOW', rule: rule.name };
        return { reason: 'tags' in rule ? 'TAGS_DENY' : 'POLICY_DENY', rule: rule.name };
      }
      return { reason: destination ? 'TAGS_NO_MATCH' : 'NO_POLICY_MATCH' };
    },
  };
}
