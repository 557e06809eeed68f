/**
 * The FortiOS configuration text as a typed tree: what `show`, `show full-configuration` and a
 * full-config backup write, before anything is mapped to the gateway model. Every node carries
 * the file, line and column it came from, so a later stage can point at the line it did not like.
 */

/** Where a node starts in the configuration file (1-based line and column). */
export interface ConfigLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** `set KEY VALUE…` (the values unquoted and unescaped, in order) or `unset KEY`. */
export interface ConfigSetting {
  readonly kind: 'set' | 'unset';
  readonly key: string;
  readonly values: readonly string[];
  readonly at: ConfigLocation;
}

/** What a `config` block or an `edit` entry holds: settings and nested `config` blocks, each in file order. */
export interface ConfigBody {
  readonly settings: readonly ConfigSetting[];
  readonly sections: readonly ConfigSection[];
}

/** `edit NAME … next`: one entry of a table such as `firewall vip`. */
export interface ConfigEntry extends ConfigBody {
  readonly name: string;
  readonly at: ConfigLocation;
}

/** `config WORD… … end`, e.g. path `['firewall', 'access-proxy']`: a table (entries) or a single object (settings). */
export interface ConfigSection extends ConfigBody {
  readonly path: readonly string[];
  readonly entries: readonly ConfigEntry[];
  readonly at: ConfigLocation;
}

/** The `#config-version=MODEL-VERSION-FW-buildNNNN-DATE:key=value…` line of a backup. */
export interface ConfigHeader {
  /** Hardware or VM model, e.g. `FG100F`, `FGVM64`. */
  readonly model: string;
  /** FortiOS version, e.g. `7.2.5`. */
  readonly version: string;
  /** Build number without leading zeros, e.g. `1517`. */
  readonly build: number;
  /** Image kind; `FW` for FortiOS firmware. */
  readonly image: string;
  /** The build date as written (YYMMDD). */
  readonly date: string;
  /** The `:key=value` fields after it (`opmode`, `vdom`, `user`) and later `#key=value` lines (`conf_file_ver`, `buildno`, `global_vdom`). */
  readonly fields: Readonly<Record<string, string>>;
  readonly at: ConfigLocation;
}

/** A parsed configuration file. */
export interface ConfigTree {
  readonly file: string;
  /** Absent for `show` output, which has no header. */
  readonly header?: ConfigHeader;
  /** Top-level `config` blocks in file order (with VDOMs: `config vdom` and `config global` among them). */
  readonly sections: readonly ConfigSection[];
}
