import type { ProxyRule } from '../gateway';

/** Escapes text for a PCRE pattern. */
const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A host pattern (`exact`, `*.suffix`, `*`) as a regex fragment over a lower-case host. */
function hostPattern(host: string | undefined): string {
  if (host === undefined || host === '*') return '[^/]*';
  const h = host.toLowerCase();
  return h.startsWith('*.') ? `[^/]*${escapeRegex(h.slice(1))}` : escapeRegex(h);
}

/** The destination part (`host` + path prefix) of a rule over the subject `host/path…`. */
export const destinationPattern = (rule: ProxyRule): string =>
  `${hostPattern(rule.host)}${escapeRegex(rule.path ?? '/')}`;

/**
 * The tag condition of a rule as PCRE lookaheads over a subject that starts with the device's
 * tags as `,tag1,tag2,|`: or → any, and → all, negate → the opposite.
 */
function tagCondition(rule: ProxyRule, sep = ','): string {
  const tags = rule.tags ?? [];
  if (tags.length === 0) return '';
  const has = (tag: string) => `(?=[^|]*${sep}${escapeRegex(tag)}${sep})`;
  const hit =
    rule.tagsMatch === 'and' ? tags.map(has).join('') : `(?=[^|]*${sep}(?:${tags.map(escapeRegex).join('|')})${sep})`;
  return rule.negate ? `(?!${hit})` : hit;
}

/** The full rule pattern over `,tags,|host/path` (`sep` instead of the commas where a config needs it). */
export const rulePattern = (rule: ProxyRule, sep = ','): string =>
  `^${tagCondition(rule, sep)}[^|]*\\|${destinationPattern(rule)}`;

/** How a rule's outcome is written in generated configs: `accept/t/name` (t: tagged, n: not). */
export const ruleOutcome = (rule: ProxyRule): string =>
  `${rule.action}/${rule.tags && rule.tags.length > 0 ? 't' : 'n'}/${rule.name}`;

/** `,tag1,tag2,` — the device's tags as rule patterns expect them. */
export const tagSubject = (tags: readonly string[], sep = ','): string => `${sep}${tags.join(sep)}${sep}`;
