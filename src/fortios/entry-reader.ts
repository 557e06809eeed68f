import { badInput } from '../errors';
import { shownWord } from './config-lexer';
import type { ConfigBody, ConfigLocation, ConfigSection, ConfigSetting } from './config-tree';
import type { IgnoredKey } from './fortios-model';

/**
 * Keys that say nothing about who may reach what: never a warning when the model leaves them.
 * Everything else a mapped entry holds and the model does not read is reported.
 */
const SILENT_KEYS: ReadonlySet<string> = new Set([
  'uuid',
  'comment',
  'comments',
  'color',
  'logtraffic',
  'logtraffic-start',
  'log-http-transaction',
]);

/**
 * Reads the settings of one `edit` entry (or a single-object block) the way FortiOS applies them:
 * the last `set` of a key wins and `unset` restores the default. Each key read is marked;
 * `finish()` reports every key and nested block the model did not read, so nothing a user
 * configured disappears silently.
 */
export class EntryReader {
  private readonly latest = new Map<string, ConfigSetting>();
  private readonly read = new Set<string>();
  private readonly readSections = new Set<string>();

  constructor(
    /** How messages name the entry, e.g. `firewall access-proxy "ZTNA-webserver"`. */
    readonly label: string,
    private readonly body: ConfigBody,
    readonly at: ConfigLocation,
    private readonly ignored: IgnoredKey[],
  ) {
    for (const setting of body.settings) this.latest.set(setting.key, setting);
  }

  /** The `set` of a key (undefined when never set or unset), marking it read. */
  setting(key: string): ConfigSetting | undefined {
    this.read.add(key);
    const setting = this.latest.get(key);
    return setting?.kind === 'set' ? setting : undefined;
  }

  /** A single-valued key's value, or undefined. */
  one(key: string): string | undefined {
    const setting = this.setting(key);
    if (!setting) return undefined;
    if (setting.values.length !== 1)
      throw badInput(`${this.label}: ${key} takes one value, not ${setting.values.length}`, setting.at);
    return setting.values[0];
  }

  /** A single-valued key that must be there. */
  required(key: string): string {
    const value = this.one(key);
    if (value === undefined) throw badInput(`${this.label} has no ${key}; FortiOS needs one here`, this.at);
    return value;
  }

  /** A list key's values (empty when not set). */
  list(key: string): readonly string[] {
    return this.setting(key)?.values ?? [];
  }

  /** One of `allowed`, or `fallback` when not set. */
  choice<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const value = this.one(key);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      throw badInput(
        `${this.label}: ${key} ${shownWord(value)} is not one of ${allowed.join(' | ')}`,
        this.setting(key)!.at,
      );
    }
    return value as T;
  }

  /** An integer within [min, max], or `fallback` when not set. */
  integer(key: string, min: number, max: number, fallback: number): number {
    const value = this.one(key);
    if (value === undefined) return fallback;
    const n = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
    if (!(n >= min && n <= max))
      throw badInput(
        `${this.label}: ${key} ${shownWord(value)} is not a whole number from ${min} to ${max}`,
        this.setting(key)!.at,
      );
    return n;
  }

  /** A single value without marking the key read (for keys read only at one value). */
  peek(key: string): string | undefined {
    const setting = this.latest.get(key);
    return setting?.kind === 'set' && setting.values.length === 1 ? setting.values[0] : undefined;
  }

  /** Whether a key is set (for version gates: a set key, even to its default, is a use). */
  isSet(key: string): boolean {
    return this.latest.get(key)?.kind === 'set';
  }

  /** A nested `config NAME` block, marking it read. */
  section(name: string): ConfigSection | undefined {
    this.readSections.add(name);
    return this.body.sections.find((s) => s.path.join(' ') === name);
  }

  /** Reports the keys and blocks left unread. */
  finish(section: string): void {
    for (const [key, setting] of this.latest) {
      if (!this.read.has(key) && !SILENT_KEYS.has(key)) this.ignored.push({ section, key, at: setting.at });
    }
    for (const nested of this.body.sections) {
      const name = nested.path.join(' ');
      if (!this.readSections.has(name)) this.ignored.push({ section, key: `config ${name}`, at: nested.at });
    }
  }
}

/** An `edit` name that must be a whole number (policy and gateway ids). */
export function entryId(name: string, label: string, at: ConfigLocation): number {
  if (!/^\d{1,10}$/.test(name)) throw badInput(`${label}: edit ${shownWord(name)} must be a number`, at);
  return Number(name);
}
