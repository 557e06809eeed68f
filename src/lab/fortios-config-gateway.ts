/**
 * A lab gateway that runs a FortiOS configuration file (`fortios-config:`): the file is read,
 * mapped in the VDOM asked for, and its objects become the gateway's. `access-proxy:` keeps one
 * ZTNA server when the configuration has several. The configuration's EMS connector becomes the
 * gateway's connector settings (pinning, verifying-ca, threshold).
 */
import { badInput, type SourceLocation } from '../errors';
import type { FortiosModel, IgnoredKey } from '../fortios';
import { mapFortiosConfig, readFortiosConfig } from '../fortios';
import type { EmsConnector, ZtnaObjects } from '../gateway';

export interface FortiosConfigGateway {
  readonly objects: ZtnaObjects;
  readonly model: FortiosModel;
  /** The connector the gateway syncs the lab's EMS with: the first enabled one, else the first. */
  readonly connector?: EmsConnector;
  readonly warnings: readonly IgnoredKey[];
}

export interface FortiosConfigOptions {
  readonly vdom?: string;
  /** Keep only this ZTNA server. */
  readonly accessProxy?: string;
  /** Where the lab names the file and the access proxy, for errors. */
  readonly at?: { readonly file?: SourceLocation; readonly accessProxy?: SourceLocation };
}

/** Reads and maps `file`; every problem is a bad-input error naming the file and line. */
export function loadFortiosConfigGateway(file: string, options: FortiosConfigOptions = {}): FortiosConfigGateway {
  const { model, warnings } = mapFortiosConfig(readFortiosConfig(file), { vdom: options.vdom });
  let accessProxies = model.accessProxies;
  if (options.accessProxy !== undefined) {
    accessProxies = accessProxies.filter((p) => p.name === options.accessProxy);
    if (accessProxies.length === 0)
      throw badInput(
        `${file} has no access-proxy "${options.accessProxy}"; it has: ${model.accessProxies.map((p) => p.name).join(', ') || 'none'}`,
        options.at?.accessProxy,
      );
  }
  if (accessProxies.length === 0)
    throw badInput(`${file} (VDOM ${model.vdom}) configures no ZTNA server (firewall access-proxy)`, options.at?.file);
  const objects: ZtnaObjects = {
    version: model.version,
    emsConnectors: model.emsConnectors,
    vips: model.vips,
    accessProxies,
    virtualHosts: model.virtualHosts,
    addresses: model.addresses,
    addressGroups: model.addressGroups,
    proxyPolicies: model.proxyPolicies,
    users: model.users,
    userGroups: model.userGroups,
  };
  const connector = model.emsConnectors.find((c) => c.status === 'enable') ?? model.emsConnectors[0];
  return { objects, model, ...(connector ? { connector } : {}), warnings };
}
