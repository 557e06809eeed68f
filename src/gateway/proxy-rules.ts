import type { ReasonCode } from './reasons';

/** One `config firewall proxy-policy` entry, reduced to what ZTNA decisions depend on. */
export interface ProxyRule {
  readonly name: string;
  /** Destination host: exact, `*.suffix`, or `*` (default). */
  readonly host?: string;
  /** Destination path prefix (default `/`). */
  readonly path?: string;
  /** `ztna-ems-tag`; empty or absent matches every device. */
  readonly tags?: readonly string[];
  readonly tagsMatch?: 'or' | 'and';
  readonly negate?: boolean;
  readonly action: 'accept' | 'deny';
  /** `users`: only these authenticated users match. */
  readonly users?: readonly string[];
  /** `groups`: only authenticated members of these user groups match. */
  readonly groups?: readonly string[];
}

/** The outcome of rule processing. */
export type RuleOutcome =
  | { readonly reason: Extract<ReasonCode, 'ALLOW' | 'POLICY_DENY' | 'TAGS_DENY'>; readonly rule: ProxyRule }
  | { readonly reason: Extract<ReasonCode, 'NO_POLICY_MATCH' | 'TAGS_NO_MATCH'>; readonly rule?: undefined };

function hostMatches(pattern: string | undefined, host: string): boolean {
  if (pattern === undefined || pattern === '*') return true;
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  return p.startsWith('*.') ? h.endsWith(p.slice(1)) : h === p;
}

const pathMatches = (prefix: string | undefined, path: string): boolean =>
  prefix === undefined || path.startsWith(prefix);

/** Whether the device's tags satisfy the rule (`ztna-tags-match-logic`, `ztna-ems-tag-negate`). */
export function tagsMatch(rule: ProxyRule, deviceTags: ReadonlySet<string>): boolean {
  if (!rule.tags || rule.tags.length === 0) return true;
  const hit =
    rule.tagsMatch === 'and' ? rule.tags.every((t) => deviceTags.has(t)) : rule.tags.some((t) => deviceTags.has(t));
  return rule.negate ? !hit : hit;
}

/** Ordered, first match wins: the destination must match, then the tags. */
export function evaluateRules(
  rules: readonly ProxyRule[],
  host: string,
  path: string,
  deviceTags: ReadonlySet<string>,
): RuleOutcome {
  let destinationMatched = false;
  for (const rule of rules) {
    if (!hostMatches(rule.host, host) || !pathMatches(rule.path, path)) continue;
    destinationMatched = true;
    if (!tagsMatch(rule, deviceTags)) continue;
    if (rule.action === 'accept') return { reason: 'ALLOW', rule };
    return { reason: rule.tags && rule.tags.length > 0 ? 'TAGS_DENY' : 'POLICY_DENY', rule };
  }
  return { reason: destinationMatched ? 'TAGS_NO_MATCH' : 'NO_POLICY_MATCH' };
}
