import { badInput } from '../errors';
import type { ConfigTree } from './config-tree';
import type { FortiosModel } from './fortios-model';

/**
 * The model with one ZTNA server only (`--access-proxy NAME`): the other access proxies go, the
 * rules lose their names, and a rule that named only those is dropped — left in with an empty
 * `access-proxy` it would apply to every server.
 */
export function keepAccessProxy(model: FortiosModel, name: string, file: string): FortiosModel {
  const kept = model.accessProxies.filter((p) => p.name === name);
  if (kept.length === 0)
    throw badInput(
      `${file} has no access-proxy ${JSON.stringify(name)} in VDOM ${model.vdom}; it has: ${model.accessProxies.map((p) => JSON.stringify(p.name)).join(', ') || 'none'}`,
    );
  const proxyPolicies = model.proxyPolicies
    .filter((p) => p.accessProxies.length === 0 || p.accessProxies.includes(name))
    .map((p) => (p.accessProxies.length === 0 ? p : { ...p, accessProxies: [name] }));
  return { ...model, accessProxies: kept, proxyPolicies };
}

/** The FortiGate's host name (`config system global` / `set hostname`), as a lab gateway name, if it has one. */
export function hostnameOf(tree: ConfigTree): string | undefined {
  const globals = tree.sections.flatMap((s) => (s.path.join(' ') === 'global' ? s.sections : [s]));
  const value = globals
    .filter((s) => s.path.join(' ') === 'system global')
    .flatMap((s) => s.settings)
    .find((s) => s.kind === 'set' && s.key === 'hostname')?.values[0];
  const name = value?.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return name ? name.slice(0, 64) : undefined;
}
