import type { Evidence, LabMatrix, ScenarioResult } from './run-model';

/** The evidence kind a lab's access matrix travels as (see access-matrix-attachment.ts). */
export const ACCESS_MATRIX_EVIDENCE = 'access-matrix';

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// Enough shape to render and compare; anything else stays in the scenario as unknown evidence.
function asMatrix(data: unknown, scenario: string): LabMatrix | null {
  if (!isJson(data) || typeof data.id !== 'string' || typeof data.name !== 'string' || !Array.isArray(data.gateways))
    return null;
  const ok = data.gateways.every(
    (g) =>
      isJson(g) &&
      typeof g.gateway === 'string' &&
      Array.isArray(g.rows) &&
      Array.isArray(g.columns) &&
      Array.isArray(g.cells) &&
      g.cells.length === g.rows.length &&
      g.cells.every((r) => Array.isArray(r) && r.length === (g.columns as unknown[]).length),
  );
  if (!ok) return null;
  const { kind: _kind, ...matrix } = data;
  return { ...(matrix as unknown as Omit<LabMatrix, 'scenario'>), scenario };
}

/**
 * Takes the access matrices out of the scenarios' evidence: one per lab (by id, the first
 * seen), sorted by name; the scenarios keep the rest of their evidence.
 */
export function extractLabMatrices(scenarios: readonly ScenarioResult[]): {
  scenarios: ScenarioResult[];
  labs: LabMatrix[];
} {
  const labs = new Map<string, LabMatrix>();
  const kept = scenarios.map((scenario) => {
    const evidence: Evidence[] = [];
    for (const item of scenario.evidence) {
      const matrix =
        item.kind === 'other' && item.declaredKind === ACCESS_MATRIX_EVIDENCE ? asMatrix(item.data, scenario.id) : null;
      if (!matrix) evidence.push(item);
      else if (!labs.has(matrix.id)) labs.set(matrix.id, matrix);
    }
    return evidence.length === scenario.evidence.length ? scenario : { ...scenario, evidence };
  });
  return { scenarios: kept, labs: joinLabs([...labs.values()]) };
}

/** Labs of several runs (shards) as one list: one per id, sorted by name then id. */
export function joinLabs(labs: readonly LabMatrix[]): LabMatrix[] {
  const byId = new Map<string, LabMatrix>();
  for (const lab of labs) if (!byId.has(lab.id)) byId.set(lab.id, lab);
  return [...byId.values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}
