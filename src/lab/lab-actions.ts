import type { Lab } from './lab';

/** What an action names: the YAML `before:` value, and the admin API's body key. */
export type ActionSubject = 'endpoint' | 'site' | 'gateway' | 'seconds';

/** The arguments an action runs with, already checked by whoever read them (YAML schema, admin API). */
export interface LabActionArguments {
  readonly endpoint?: string;
  readonly site?: string;
  readonly gateway?: string;
  readonly seconds?: number;
  readonly tags?: readonly string[];
}

/** One state change the lab can make, and every way a user can ask for it. */
export interface LabAction {
  readonly subject: ActionSubject;
  /** Besides its subject, the admin API's body carries the endpoint's new ZTNA tags. */
  readonly withTags?: boolean;
  readonly summary: string;
  /** The Gherkin a YAML check's `before:` compiles to; an action without one is admin-only. */
  readonly step?: (value: string) => string;
  /** Older names the admin API still accepts (and answers with the current one). */
  readonly aliases?: readonly string[];
  readonly run: (lab: Lab, args: LabActionArguments) => unknown;
}

const endpointOf = (lab: Lab, args: LabActionArguments) => lab.endpoint(args.endpoint ?? '');

/**
 * The one table of lab actions: it types YAML `before:` entries, resolves their references,
 * compiles them to steps, backs the admin API, and the scenario schema is pinned to it.
 */
export const LAB_ACTIONS = {
  'revoke-client-certificate': {
    subject: 'endpoint',
    summary: "EMS revokes the endpoint's client certificate.",
    step: (v) => `When EMS revokes the client certificate of endpoint "${v}"`,
    run: (lab, a) => lab.ems.revokeClientCertificate(endpointOf(lab, a).uid),
  },
  unregister: {
    subject: 'endpoint',
    summary: 'The endpoint unregisters from EMS.',
    step: (v) => `When endpoint "${v}" unregisters from EMS`,
    run: (lab, a) => endpointOf(lab, a).unregister(),
  },
  reconnect: {
    subject: 'endpoint',
    summary: 'The endpoint reconnects to EMS.',
    step: (v) => `When endpoint "${v}" reconnects to EMS`,
    run: async (lab, a) => void (await endpointOf(lab, a).reconnect()),
  },
  'update-root-ca': {
    subject: 'site',
    summary: "EMS replaces the site's ZTNA root CA.",
    step: (v) => `When EMS updates the root CA of site "${v}"`,
    run: async (lab, a) => void (await lab.ems.updateRootCa(a.site ?? '')),
  },
  'revoke-root-ca': {
    subject: 'site',
    summary: "EMS revokes the site's ZTNA root CA.",
    step: (v) => `When EMS revokes the root CA of site "${v}"`,
    run: async (lab, a) => void (await lab.ems.revokeRootCa(a.site ?? '')),
  },
  'set-tags': {
    subject: 'endpoint',
    withTags: true,
    summary: "EMS replaces the endpoint's ZTNA tags.",
    run: (lab, a) => lab.ems.setTags(endpointOf(lab, a).uid, a.tags ?? []),
  },
  'fabric-down': {
    subject: 'gateway',
    summary: "The access proxy's fabric link to EMS goes down.",
    step: (v) => `When requests go to access proxy "${v}"\n    And the fabric link goes down`,
    run: (lab, a) => lab.link(a.gateway).takeDown(),
  },
  'fabric-restore': {
    subject: 'gateway',
    summary: "The access proxy's fabric link to EMS is restored.",
    step: (v) => `When requests go to access proxy "${v}"\n    And the fabric link is restored`,
    run: (lab, a) => void lab.link(a.gateway).restore(),
  },
  'advance-seconds': {
    subject: 'seconds',
    summary: 'The virtual clock moves forward.',
    step: (v) => `When ${v} seconds pass`,
    aliases: ['advance-clock'],
    run: (lab, a) => lab.clock.advance((a.seconds ?? 0) * 1000),
  },
} as const satisfies Record<string, LabAction>;

/** Every lab action's name. */
export type LabActionName = keyof typeof LAB_ACTIONS;

/** The actions a YAML check may take in `before:` (those with a step). */
export type ActionName = {
  [K in LabActionName]: (typeof LAB_ACTIONS)[K] extends { step: unknown } ? K : never;
}[LabActionName];

/** One state change a check applies before its request (YAML `before:`). */
export type CheckAction = {
  readonly [K in ActionName]?: (typeof LAB_ACTIONS)[K]['subject'] extends 'seconds' ? number : string;
};

/** The action a name (or an older alias) means; own entries only, so `constructor` is no action. */
export function labActionNamed(name: string): { readonly name: LabActionName; readonly action: LabAction } | undefined {
  const table: Record<string, LabAction> = LAB_ACTIONS;
  if (Object.hasOwn(table, name)) return { name: name as LabActionName, action: table[name]! };
  const entry = Object.entries(table).find(([, a]) => a.aliases?.includes(name));
  return entry && { name: entry[0] as LabActionName, action: entry[1] };
}

/** The Gherkin for one `before:` entry, in the words of the step library. */
export function actionStep(action: CheckAction): string {
  const [name, value] = Object.entries(action)[0]!;
  const step = labActionNamed(name)?.action.step;
  if (!step) throw new Error(`no step for the action "${name}"`);
  return step(String(value));
}
