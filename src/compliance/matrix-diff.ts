import type { DecisionChange, DecisionOutcome } from './report-diff';
import type { GatewayMatrix, LabMatrix, MatrixCell } from './run-model';

const outcomeOf = (c: MatrixCell): DecisionOutcome => ({
  verdict: c.verdict,
  reason: c.reason,
  fortiosCode: c.fortiosCode,
  rule: c.rule,
});

interface Probe {
  readonly row: GatewayMatrix['rows'][number];
  readonly column: GatewayMatrix['columns'][number];
  readonly outcome: DecisionOutcome;
}

/** Every cell of a lab by `gateway · row · column` label: labels, not ids, survive a configuration change. */
function cellsOf(lab: LabMatrix | undefined): Map<string, Probe & { gateway: string }> {
  const cells = new Map<string, Probe & { gateway: string }>();
  for (const g of lab?.gateways ?? []) {
    g.rows.forEach((row, r) => {
      g.columns.forEach((column, c) => {
        cells.set(JSON.stringify([g.gateway, row.label, column.label]), {
          gateway: g.gateway,
          row,
          column,
          outcome: outcomeOf(g.cells[r]![c]!),
        });
      });
    });
  }
  return cells;
}

/**
 * The access a change grants or takes away: every matrix cell whose decision differs between
 * two runs, for labs of the same name (a lab's id changes with its declaration, its name does not).
 */
export function matrixChanges(base: readonly LabMatrix[], head: readonly LabMatrix[]): DecisionChange[] {
  const names = [...new Set([...base, ...head].map((l) => l.name))];
  return names.flatMap((name) => {
    const [before, after] = [cellsOf(base.find((l) => l.name === name)), cellsOf(head.find((l) => l.name === name))];
    return [...new Set([...before.keys(), ...after.keys()])].flatMap((key): DecisionChange[] => {
      const [b, h] = [before.get(key), after.get(key)];
      if (JSON.stringify(b?.outcome ?? null) === JSON.stringify(h?.outcome ?? null)) return [];
      const { gateway, row, column } = (h ?? b)!;
      return [
        {
          scenario: `access matrix of ${name}`,
          probe: {
            gateway,
            endpoint: row.endpoint,
            destination: column.label,
            userAgent: row.endpoint === null ? row.label : null,
          },
          occurrence: 1,
          base: b?.outcome ?? null,
          head: h?.outcome ?? null,
        },
      ];
    });
  });
}
