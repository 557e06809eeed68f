import type { FortiosVersion } from '../gateway';
import type { ConfigEntry, ConfigLocation, ConfigSection } from './config-tree';
import { EntryReader } from './entry-reader';
import type { IgnoredKey } from './fortios-model';

/** The kinds of object a setting can name. */
export type ReferenceKind = 'vip' | 'virtual-host' | 'address' | 'access-proxy' | 'user' | 'group' | 'group-member';

/** A name one setting gives to another object, checked once every object is known. */
export interface Reference {
  readonly kind: ReferenceKind;
  readonly name: string;
  /** The entry and key that name it, e.g. `firewall proxy-policy "1" access-proxy`. */
  readonly from: string;
  readonly at: ConfigLocation;
}

/** What every object mapper needs: the version settings are checked against, and where unread keys and references go. */
export interface MapContext {
  readonly version: FortiosVersion;
  readonly ignored: IgnoredKey[];
  readonly references: Reference[];
}

/**
 * Reads every entry of a table block with `read`, an EntryReader per entry, and reports what it
 * left. An `edit` of a name already edited changes that entry, as on the CLI, so entries of one
 * name are read as one (later settings win). `within` names the entry a nested block is in.
 */
export function mapEntries<T>(
  ctx: MapContext,
  section: ConfigSection | undefined,
  read: (r: EntryReader, entry: ConfigEntry) => T | undefined,
  within?: string,
): T[] {
  if (!section) return [];
  const label = within ? `${within} ${section.path.join(' ')}` : section.path.join(' ');
  const out: T[] = [];
  for (const entry of mergedEntries(section.entries)) {
    const reader = new EntryReader(`${label} ${JSON.stringify(entry.name)}`, entry, entry.at, ctx.ignored);
    const value = read(reader, entry);
    if (value !== undefined) {
      reader.finish(label);
      out.push(value);
    }
  }
  return out;
}

function mergedEntries(entries: readonly ConfigEntry[]): ConfigEntry[] {
  const byName = new Map<string, ConfigEntry>();
  for (const entry of entries) {
    const first = byName.get(entry.name);
    byName.set(
      entry.name,
      first
        ? {
            ...first,
            settings: [...first.settings, ...entry.settings],
            sections: [...first.sections, ...entry.sections],
          }
        : entry,
    );
  }
  return [...byName.values()];
}

/** A list key whose values name objects of `kind`: read, and each name recorded for the reference check. */
export function referList(ctx: MapContext, r: EntryReader, key: string, kind: ReferenceKind): readonly string[] {
  const setting = r.setting(key);
  if (!setting) return [];
  for (const name of setting.values) ctx.references.push({ kind, name, from: `${r.label} ${key}`, at: setting.at });
  return setting.values;
}

/** A single-valued key that names an object of `kind`. */
export function referOne(ctx: MapContext, r: EntryReader, key: string, kind: ReferenceKind): string | undefined {
  const value = r.one(key);
  if (value !== undefined)
    ctx.references.push({ kind, name: value, from: `${r.label} ${key}`, at: r.setting(key)!.at });
  return value;
}
