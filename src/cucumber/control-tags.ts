import { relative } from 'node:path';
import { type ControlCatalog, isCatalogued } from '../compliance';
import { badInput, type SourceLocation } from '../errors';
import type { GherkinChild, GherkinDocument, Pickle, Tag } from './envelope';

/** Scenarios name the controls they evidence with tags of this form: `@control:IA-5(2)`. */
export const CONTROL_TAG_PREFIX = '@control:';

/** A path as it can stand in a Gherkin tag, which ends at whitespace: whitespace and `%` percent-encoded. */
export const pathInTag = (path: string): string => path.replace(/[%\s]/g, (c) => encodeURIComponent(c));

/** The path pathInTag encoded. */
export const pathFromTag = (text: string): string =>
  text.replace(/%[0-9A-F]{2}(?:%[0-9A-F]{2})*/g, (run) => decodeURIComponent(run));

/** A tag and where it is written. */
export interface LocatedTag {
  readonly name: string;
  readonly location: SourceLocation;
}

/** A pickle with the document it came from, as cucumber's `pickles:filter` transform sees it. */
export interface PickleWithDocument {
  readonly pickle: Pickle;
  readonly gherkinDocument?: GherkinDocument;
}

/** The control ids named by `tags` (tag names with the leading `@`), deduplicated, in order. */
export function controlIdsOf(tags: readonly string[]): string[] {
  const ids = tags
    .filter((tag) => tag.startsWith(CONTROL_TAG_PREFIX))
    .map((tag) => tag.slice(CONTROL_TAG_PREFIX.length));
  return [...new Set(ids)];
}

/**
 * Throws bad input listing every `@control:` tag whose id the catalog lacks, each with its
 * file:line:col, so a typo fails the run before any scenario starts.
 */
export function assertKnownControls(tags: readonly LocatedTag[], catalog: ControlCatalog): void {
  const unknown = tags.filter((tag) => {
    const [id] = controlIdsOf([tag.name]);
    return id !== undefined && !isCatalogued(catalog, id);
  });
  if (unknown.length === 0) return;
  const listed = unknown.map((tag) => `${tag.name.slice(CONTROL_TAG_PREFIX.length)} (${whereOf(tag.location)})`);
  const catalogFile = relative(process.cwd(), catalog.file) || catalog.file;
  throw badInput(
    `unknown control id${unknown.length > 1 ? 's' : ''} not in ${catalogFile}: ${listed.join(', ')}`,
    unknown[0]!.location,
  );
}

/** The located tags of pickles; each tag once, at its place in the feature file. */
export function locatedTagsOfPickles(pickles: readonly PickleWithDocument[]): LocatedTag[] {
  const byId = new Map<string, LocatedTag>();
  for (const { pickle, gherkinDocument } of pickles) {
    const tagsInDoc = gherkinDocument ? documentTags(gherkinDocument) : new Map<string, Tag>();
    for (const tag of pickle.tags) {
      const at = tagsInDoc.get(tag.astNodeId)?.location ?? pickle.location;
      const key = `${pickle.uri}#${tag.astNodeId}`;
      if (!byId.has(key))
        byId.set(key, { name: tag.name, location: { file: pickle.uri, line: at?.line, column: at?.column } });
    }
  }
  return [...byId.values()];
}

/**
 * The tags written in a feature file's text, for a check that needs no Gherkin parser. Tags are
 * the `@`-words of lines that start with `@`, outside doc strings; `#` starts a comment.
 */
export function locatedTagsOfFeatureText(text: string, file: string): LocatedTag[] {
  const tags: LocatedTag[] = [];
  let fence: string | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('"""') || line.startsWith('```')) {
      const marker = line.slice(0, 3);
      fence = fence === undefined ? marker : fence === marker ? undefined : fence;
      return;
    }
    if (fence !== undefined || !line.startsWith('@')) return;
    for (const match of raw.replace(/\s#.*$/, '').matchAll(/@\S+/g)) {
      tags.push({ name: match[0], location: { file, line: index + 1, column: (match.index ?? 0) + 1 } });
    }
  });
  return tags;
}

function documentTags(document: GherkinDocument): Map<string, Tag> {
  const found = new Map<string, Tag>();
  const add = (tags: readonly Tag[]): void => {
    for (const tag of tags) found.set(tag.id, tag);
  };
  const visit = (children: readonly GherkinChild[]): void => {
    for (const child of children) {
      if (child.rule) {
        add(child.rule.tags);
        visit(child.rule.children);
      }
      add(child.scenario?.tags ?? []);
      for (const examples of child.scenario?.examples ?? []) add(examples.tags);
    }
  };
  add(document.feature?.tags ?? []);
  visit(document.feature?.children ?? []);
  return found;
}

const whereOf = (at: SourceLocation): string => [at.file, at.line, at.column].filter((p) => p !== undefined).join(':');
