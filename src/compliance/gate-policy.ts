import { badInput } from '../errors';
import {
  assertMatchesSchema,
  type DataPath,
  KINDS,
  type LocatedDocument,
  parseLocatedYaml,
  readTextFile,
} from '../input';
import { packageFile } from '../package-root';
import type { Waiver } from './waivers';

/** A per-control evidence minimum: one number for every checked control, or one per control. */
export type EvidenceMinimum = number | Readonly<Record<string, number>>;

/** What `gate` checks a report against (schemas/gate-policy.schema.json). */
export interface GatePolicy {
  /** Where the policy came from, to point at its keys in errors; null for the default policy. */
  readonly source: LocatedDocument | null;
  /** Controls that must pass; null means every catalogued control the run touched. */
  readonly requiredControls: readonly string[] | null;
  readonly minAllowEvidence: EvidenceMinimum;
  readonly minDenyEvidence: EvidenceMinimum;
  readonly maxFailures: number;
  /** Whether a report without a single scenario may be compliant (an empty run proves nothing). */
  readonly allowNoScenarios: boolean;
  readonly waivers: readonly Waiver[];
}

/** The policy without `--policy`: every touched control required, no failure allowed, no waivers. */
export const DEFAULT_GATE_POLICY: GatePolicy = {
  source: null,
  requiredControls: null,
  minAllowEvidence: 0,
  minDenyEvidence: 0,
  maxFailures: 0,
  allowNoScenarios: false,
  waivers: [],
};

const GATE_POLICY_SCHEMA = packageFile('schemas', 'gate-policy.schema.json');

/** Parses and schema-checks policy YAML; errors are bad input at the offending key. */
export function parseGatePolicy(text: string, file: string): GatePolicy {
  const source = parseLocatedYaml(text, file, KINDS.gatePolicy.what);
  assertMatchesSchema(GATE_POLICY_SCHEMA, source, KINDS.gatePolicy.what);
  const value = source.value as Partial<Omit<GatePolicy, 'source'>>;
  return { ...DEFAULT_GATE_POLICY, ...value, source };
}

/** Reads a gate policy file. */
export const loadGatePolicy = (file: string): GatePolicy => parseGatePolicy(readTextFile(file, KINDS.gatePolicy), file);

/** Throws bad input, at the key, for the first control id the policy names that `known` lacks. */
export function assertPolicyControls(policy: GatePolicy, known: readonly string[]): void {
  const named: { id: string; path: DataPath; key: boolean }[] = [
    ...(policy.requiredControls ?? []).map((id, i) => ({ id, path: ['requiredControls', i], key: false })),
    ...minimumKeys(policy.minAllowEvidence).map((id) => ({ id, path: ['minAllowEvidence', id], key: true })),
    ...minimumKeys(policy.minDenyEvidence).map((id) => ({ id, path: ['minDenyEvidence', id], key: true })),
    ...policy.waivers.flatMap((w, i) =>
      w.control === undefined ? [] : [{ id: w.control, path: ['waivers', i, 'control'], key: false }],
    ),
  ];
  const unknown = named.find(({ id }) => !known.includes(id));
  if (unknown) {
    const where = policy.source?.locate(unknown.path, unknown.key);
    throw badInput(
      `gate policy: unknown control id "${unknown.id}"; the report's catalog has: ${known.join(', ')}`,
      where,
    );
  }
}

/** The minimum that applies to `controlId`. */
export const minimumFor = (minimum: EvidenceMinimum, controlId: string): number =>
  typeof minimum === 'number' ? minimum : (minimum[controlId] ?? 0);

/** Controls a per-control minimum names (none for a single number). */
export const minimumKeys = (minimum: EvidenceMinimum): string[] =>
  typeof minimum === 'number' ? [] : Object.keys(minimum);
