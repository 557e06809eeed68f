/**
 * The regexes the generated proxy configurations decide with. Both configs build one subject per
 * request, `route|sources|tags|host/path`:
 * - `route`: the API gateway that maps the request (`g<n>`, n its position), see routePattern;
 * - `sources`: `,i,j,` — the source blocks (see export-policy.ts) the client's address lies in;
 * - `tags`: `,tag1,tag2,` — the device's EMS tags (or the built-in tag of a certificate-less client);
 * - `user`: `,name,` — the user the request authenticated as, or `-` for none;
 * - `groups`: `,group1,group2,` — that user's user groups;
 * - `host/path`: the lower-case host, then the path with its query.
 * A ZTNA rule becomes lookaheads over that subject, tested in the rules' order (first match wins).
 * HAProxy splits sample-fetch arguments at commas, so its lists use `;` (the `sep` argument).
 */
import type { CompiledApiGateway, ShorthandDestination } from '../gateway';

/** Escapes text for a PCRE pattern. */
export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The subject's segments, in order. */
const SEGMENT = { route: 0, sources: 1, tags: 2, user: 3, groups: 4, hostPath: 5 } as const;

/** Skips to the start of a segment (all but the last never contain `|`). */
const at = (segment: keyof typeof SEGMENT): string =>
  SEGMENT[segment] === 0 ? '' : `(?:[^|]*\\|){${SEGMENT[segment]}}`;

/** A lookahead from the subject's start: one of the alternatives holds. */
export const anyOf = (alternatives: readonly string[]): string =>
  alternatives.length === 0 ? '(?!)' : `(?=${alternatives.join('|')})`;

/** The list segment holds one of the items (`,a,` in `,a,b,`). */
export const listHas = (segment: 'sources' | 'tags' | 'user' | 'groups', items: readonly string[], sep = ','): string =>
  `${at(segment)}[^|]*${sep}(?:${items.map(escapeRegex).join('|')})${sep}`;

/** A shorthand host pattern (`exact`, `*.suffix`, `*`) as a regex fragment over a lower-case host. */
function shorthandHost(host: string | undefined): string {
  if (host === undefined || host === '*') return '[^/]*';
  const h = host.toLowerCase();
  return h.startsWith('*.') ? `[^/]*${escapeRegex(h.slice(1))}` : escapeRegex(h);
}

/** A flat rule's destination (host, then path prefix) over `host/path`. */
export const shorthandDestination = (destination: ShorthandDestination): string =>
  `${shorthandHost(destination.host)}${escapeRegex(destination.path ?? '/')}`;

/**
 * A wildcard pattern's body: `*` any run, `?` one character, within `any` (a character class).
 * For a host, letters as `[aA]`: the engine compares host names without case, and PCRE's
 * `(?i:…)` has no JavaScript twin to check it against. Paths keep their case, as in the engine.
 */
const wildcardBody = (pattern: string, any: string, ignoreCase: boolean): string =>
  pattern
    .split('')
    .map((c) => {
      if (c === '*') return `${any}*`;
      if (c === '?') return any;
      const lower = c.toLowerCase();
      const upper = c.toUpperCase();
      return !ignoreCase || lower === upper ? escapeRegex(c) : `[${lower}${upper}]`;
    })
    .join('');

/** `virtual-host` by its host-type, over the lower-case host (the engine compares without case). */
export function virtualHostPattern(route: CompiledApiGateway): string {
  const vhost = route.virtualHost;
  if (!vhost) return '[^/]*';
  const host = vhost.host.toLowerCase();
  return vhost.hostType === 'wildcard' ? wildcardBody(host, '[^/]', true) : `[^/]*${escapeRegex(host)}[^/]*`;
}

/**
 * Why a `url-map` regex cannot be carried into PCRE as the engine reads it (a JavaScript RegExp
 * tested anywhere in the path), or undefined when it can: a leading `^` is the path's start and
 * is kept; lookbehinds (which would look into the host), back-references, other anchors and
 * JavaScript-only escapes are refused rather than translated by guess.
 */
export function urlMapRegexProblem(regex: string): string | undefined {
  const body = regex.startsWith('^') ? regex.slice(1) : regex;
  const outsideClasses = body.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x');
  if (/\(\?<[=!]/.test(body)) return 'a lookbehind';
  if (/\\[1-9kpPuxcu]/.test(body)) return 'a back-reference or JavaScript-only escape';
  if (/\(\?(?![:=!]|<[A-Za-z])/.test(body)) return 'a group flag';
  if (/\^/.test(outsideClasses)) return 'a "^" that is not at its start';
  if (/\$(?!$)/.test(outsideClasses)) return 'a "$" that is not at its end';
  return undefined;
}

/** `url-map` by its url-map-type, over the path (from the `/` after the host). */
function urlMapPattern(route: CompiledApiGateway): string {
  const { urlMap, urlMapType } = route.apiGateway;
  if (urlMapType === 'wildcard') return `${wildcardBody(urlMap, '.', false)}$`;
  if (urlMapType === 'regex') return urlMap.startsWith('^') ? `(?:${urlMap.slice(1)})` : `.*?(?:${urlMap})`;
  return `.*${escapeRegex(urlMap)}`;
}

/** The API gateway's virtual host and url-map over `host/path`, anchored at the host's start. */
export const routePattern = (route: CompiledApiGateway): string =>
  `^${virtualHostPattern(route)}(?=/)${urlMapPattern(route)}`;

/** The request carries no user. */
export const noUser = (): string => `${at('user')}-\\|`;

/** A condition on the `host/path` segment. */
export const hostPathIs = (pattern: string): string => `${at('hostPath')}${pattern}`;

/** A condition on the route segment: one of the API gateways (by position). */
export const routeIs = (positions: readonly number[]): string => `g(?:${positions.join('|')})\\|`;

/** `,tag1,tag2,` — the device's tags as rule patterns expect them. */
export const tagSubject = (tags: readonly string[], sep = ','): string => `${sep}${tags.join(sep)}${sep}`;
