import type { RunModel, ScenarioResult } from './run-model';

/** One scenario whose backends did not decide alike. */
export interface Disagreement {
  readonly scenario: string;
  readonly name: string;
  /** Per backend: its status and the verdicts of its requests, in order. */
  readonly outcomes: Readonly<Record<string, string>>;
}

/** The differential check of one scenario set run on several backends. */
export interface Differential {
  readonly backends: readonly string[];
  /** Scenarios compared: run (not skipped, not not-applicable) on at least two backends. */
  readonly compared: number;
  readonly disagreements: readonly Disagreement[];
}

const RAN = new Set(['passed', 'failed']);

/** What a backend observed in a scenario: its status and the verdict/reason of each request. */
function outcomeOf(scenario: ScenarioResult): string {
  const decisions = scenario.evidence.flatMap((e) => (e.kind === 'decision' ? [`${e.verdict}${e.reason ? `:${e.reason}` : ''}`] : []));
  return `${scenario.status} [${decisions.join(', ')}]`;
}

/**
 * Compares the same scenarios run on several backends (in-process, wire, nginx…): every scenario
 * that ran on two or more must have the same status and the same verdicts and reasons.
 */
export function differential(runs: readonly { readonly backend: string; readonly model: RunModel }[]): Differential {
  const byScenario = new Map<string, Map<string, ScenarioResult>>();
  for (const { backend, model } of runs) {
    for (const scenario of model.scenarios) {
      if (!RAN.has(scenario.status)) continue;
      const entry = byScenario.get(scenario.id) ?? new Map<string, ScenarioResult>();
      entry.set(backend, scenario);
      byScenario.set(scenario.id, entry);
    }
  }
  const disagreements: Disagreement[] = [];
  let compared = 0;
  for (const [id, results] of byScenario) {
    if (results.size < 2) continue;
    compared++;
    const outcomes = Object.fromEntries([...results].map(([backend, s]) => [backend, outcomeOf(s)]));
    if (new Set(Object.values(outcomes)).size > 1) disagreements.push({ scenario: id, name: [...results.values()][0]!.name, outcomes });
  }
  return { backends: runs.map((r) => r.backend), compared, disagreements };
}

/** The differential as a Markdown section. */
export function renderDifferential(d: Differential): string {
  const head = `## Differential check (${d.backends.join(', ')})\n\n${d.compared} scenarios ran on more than one backend; ${d.disagreements.length} disagreed.\n`;
  if (d.disagreements.length === 0) return `${head}\nEvery backend decided every compared scenario alike.\n`;
  const rows = d.disagreements.map((x) => `| \`${x.scenario}\` ${x.name.replace(/\|/g, '\\|')} | ${d.backends.map((b) => x.outcomes[b] ?? '—').join(' | ')} |`);
  return `${head}\n| scenario | ${d.backends.join(' | ')} |\n|---|${d.backends.map(() => '---').join('|')}|\n${rows.join('\n')}\n`;
}
