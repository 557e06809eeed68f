import { HarnessError } from '../errors';

/**
 * What a ZTNA tag may be called. EMS tags reach FortiGate as dynamic firewall addresses named
 * `FCTEMS<serial>_<tag>` (https://docs.fortinet.com/document/fortigate/7.0.0/new-features/557457),
 * and FortiOS object names hold at most 79 characters, so a tag keeps to 62 once the 17-character
 * prefix is in front. Fortinet does not document a character set for tag names: the harness fails
 * closed on letters, digits and `_ . + @ -` — nothing a generated nginx or HAProxy configuration
 * would read as syntax (no quotes, `$`, `%`, `;`, `,`, `#`, braces, backslashes or white space).
 */
const TAG_NAME = /^[A-Za-z0-9_.+@-]{1,62}$/;

/** Why `tag` is not a valid ZTNA tag name, or undefined when it is. */
export function tagNameProblem(tag: unknown): string | undefined {
  if (typeof tag !== 'string') return `a ZTNA tag must be a string, not ${tag === null ? 'null' : typeof tag}`;
  if (TAG_NAME.test(tag)) return undefined;
  const shown = JSON.stringify(tag.length > 70 ? `${tag.slice(0, 70)}…` : tag);
  return `the ZTNA tag ${shown} is not a tag name: 1 to 62 letters, digits or _ . + @ -`;
}

/** The tags as given, or a BAD_INPUT error naming the first invalid one. */
export function validTagNames(tags: readonly unknown[]): string[] {
  for (const tag of tags) {
    const problem = tagNameProblem(tag);
    if (problem) throw new HarnessError('BAD_INPUT', problem);
  }
  return tags as string[];
}
