import { EMPTY_CERT_ACTIONS, REASON_CODES } from '../src/gateway';
import type { CraftRecipe } from '../src/lab';

/** A custom parameter type, as data so that docs/steps.md can list it. */
export interface ParameterTypeDefinition {
  readonly name: string;
  readonly regexp: RegExp;
  readonly summary: string;
  readonly transformer?: (text: string) => unknown;
}

/** The crafted certificates a step can present, in the step's words, and their recipes (see CRAFT_RECIPES). */
export const CRAFTED = {
  'signed by the EMS SSL CA': 'ems-ssl-ca',
  'that has expired': 'expired',
  'that is not yet valid': 'not-yet-valid',
  'for server authentication only': 'server-auth-only',
  'with a serial EMS never issued': 'unknown-serial',
} as const satisfies Record<string, CraftRecipe>;
export type Crafted = keyof typeof CRAFTED;
const CRAFTED_WORDS = Object.keys(CRAFTED);

const alternatives = (values: readonly string[]): RegExp =>
  new RegExp(
    [...values]
      .sort((a, b) => b.length - a.length)
      .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
  );

export const PARAMETER_TYPES: readonly ParameterTypeDefinition[] = [
  { name: 'reason', regexp: alternatives(REASON_CODES), summary: `a reason code: ${REASON_CODES.join(', ')}` },
  {
    name: 'emptyCertAction',
    regexp: alternatives(EMPTY_CERT_ACTIONS),
    summary: 'accept, block or accept-unmanageable',
  },
  {
    name: 'toggle',
    regexp: /enable|disable/,
    summary: 'enable or disable, as FortiOS spells it',
    transformer: (t) => t === 'enable',
  },
  { name: 'linkState', regexp: /up|down|untrusted/, summary: 'a fabric link state: up, down or untrusted' },
  { name: 'onlineStatus', regexp: /online|offline/, summary: 'online or offline', transformer: (t) => t === 'online' },
  {
    name: 'crafted',
    regexp: alternatives(CRAFTED_WORDS),
    summary: `a certificate EMS would not issue: ${CRAFTED_WORDS.join('; ')}`,
  },
  {
    name: 'registryOnRestart',
    regexp: /persisted|rebuilt/,
    summary: 'what EMS has after a restart: persisted (its database) or rebuilt (an empty endpoint registry)',
  },
];
