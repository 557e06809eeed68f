/**
 * The FortiOS objects a ZTNA access proxy is configured with, one record per `edit` entry, as a
 * FortiGate's configuration holds them. Field names are camelCase; each field's doc gives the
 * FortiOS key it carries. Defaults are FortiOS's, filled in by the mapper, so a record says what
 * the FortiGate does, not only what the file spelled out. Every record carries `at`, the line of
 * its `edit`, so later stages can point at it.
 */

import type { ZtnaObjects } from '../gateway';
import type { ConfigLocation } from './config-tree';

export type * from '../gateway/ztna-objects';

/** The remote authentication servers a FortiOS model knows by name only. */
export type RemoteServerKind = 'ldap' | 'radius' | 'saml' | 'tacacs+' | 'fsso';

/** `config user ldap|radius|saml|tacacs+|fsso` / `edit NAME`: a server whose users may be group members; its settings are not read. */
export interface RemoteServer {
  readonly kind: RemoteServerKind;
  readonly name: string;
  readonly at: ConfigLocation;
}

/** A ZTNA-relevant key the model does not read: listed, never dropped silently. */
export interface IgnoredKey {
  readonly section: string;
  readonly key: string;
  readonly at: ConfigLocation;
}

/** One VDOM's ZTNA configuration: the engine's objects and where they came from. */
export interface FortiosModel extends ZtnaObjects {
  readonly vdom: string;
  /** Where the version came from: the `#config-version` header, the caller, or the default. */
  readonly versionSource: 'header' | 'option' | 'default';
  readonly remoteServers: readonly RemoteServer[];
}
