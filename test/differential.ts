import type { DecisionEvidence, RunModel, ScenarioResult } from '../src/compliance';

/** The parts of every decision compared across backends, request by request. */
export const COMPARED_FIELDS = ['verdict', 'reason', 'fortiosCode', 'detail'] as const;

/** One scenario whose backends did not decide alike: its status, a request count or one decision field. */
export interface Disagreement {
  readonly scenario: string;
  readonly name: string;
  /** `status`, `requests`, or `request N: <field>` (N from 1). */
  readonly what: string;
  /** Per backend: what it said there. */
  readonly outcomes: Readonly<Record<string, string>>;
}

/** A scenario that did not run on a backend, and why. */
export interface NotApplicable {
  readonly scenario: string;
  readonly backend: string;
  readonly reason: string;
}

/** The differential check of one scenario set run on several backends. */
export interface Differential {
  readonly backends: readonly string[];
  /** Scenarios that send at least one request (on some backend). */
  readonly requestScenarios: number;
  /** Request-sending scenarios that ran (passed or failed) on every backend. */
  readonly comparedOnAll: number;
  /** Scenarios that send no request anywhere (they check state: records, stores, the fabric link). */
  readonly stateOnly: number;
  /** Decisions compared: each request of a scenario that ran on two or more backends, once. */
  readonly decisionsCompared: number;
  readonly notApplicable: readonly NotApplicable[];
  readonly disagreements: readonly Disagreement[];
}

const RAN = new Set(['passed', 'failed']);

const decisionsOf = (scenario: ScenarioResult): DecisionEvidence[] =>
  scenario.evidence.filter((e): e is DecisionEvidence => e.kind === 'decision');

const shown = (value: string | null | undefined): string => (value === null || value === undefined ? '—' : value);

/** The disagreements of one scenario that ran on `ran` (backend → result). */
function compareScenario(
  id: string,
  ran: ReadonlyMap<string, ScenarioResult>,
): { disagreements: Disagreement[]; decisions: number } {
  const name = [...ran.values()][0]!.name;
  const found: Disagreement[] = [];
  const differ = (what: string, value: (s: ScenarioResult) => string) => {
    const outcomes = Object.fromEntries([...ran].map(([backend, s]) => [backend, value(s)]));
    if (new Set(Object.values(outcomes)).size > 1) found.push({ scenario: id, name, what, outcomes });
  };
  differ('status', (s) => s.status);
  differ('requests', (s) => String(decisionsOf(s).length));
  const requests = Math.max(...[...ran.values()].map((s) => decisionsOf(s).length));
  for (let i = 0; i < requests; i++) {
    for (const field of COMPARED_FIELDS) differ(`request ${i + 1}: ${field}`, (s) => shown(decisionsOf(s)[i]?.[field]));
  }
  return { disagreements: found, decisions: requests };
}

/**
 * Compares the same scenarios run on several backends (in-process, wire, nginx, HAProxy…): every
 * scenario that ran on two or more must end alike and make the same decisions — verdict, reason,
 * FortiOS code and detail of each request, in order. What did not run somewhere is listed.
 */
export function differential(runs: readonly { readonly backend: string; readonly model: RunModel }[]): Differential {
  const byScenario = new Map<string, Map<string, ScenarioResult>>();
  for (const { backend, model } of runs) {
    for (const scenario of model.scenarios) {
      const entry = byScenario.get(scenario.id) ?? new Map<string, ScenarioResult>();
      entry.set(backend, scenario);
      byScenario.set(scenario.id, entry);
    }
  }
  const disagreements: Disagreement[] = [];
  const notApplicable: NotApplicable[] = [];
  let requestScenarios = 0,
    comparedOnAll = 0,
    stateOnly = 0,
    decisionsCompared = 0;
  for (const [id, results] of byScenario) {
    const sendsRequests = [...results.values()].some((s) => decisionsOf(s).length > 0);
    const ran = new Map([...results].filter(([, s]) => RAN.has(s.status)));
    for (const { backend } of runs) {
      const s = results.get(backend);
      if (!s || !RAN.has(s.status))
        notApplicable.push({ scenario: id, backend, reason: s ? (s.message ?? s.status) : 'not run on this backend' });
    }
    if (sendsRequests) requestScenarios++;
    else stateOnly++;
    if (sendsRequests && ran.size === runs.length) comparedOnAll++;
    if (ran.size < 2) continue;
    const compared = compareScenario(id, ran);
    disagreements.push(...compared.disagreements);
    decisionsCompared += compared.decisions;
  }
  return {
    backends: runs.map((r) => r.backend),
    requestScenarios,
    comparedOnAll,
    stateOnly,
    decisionsCompared,
    notApplicable,
    disagreements,
  };
}

/** The share of request-sending scenarios compared on every backend (1 when none send requests). */
export const comparedShare = (d: Differential): number =>
  d.requestScenarios === 0 ? 1 : d.comparedOnAll / d.requestScenarios;

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

/** The differential as a Markdown section. */
export function renderDifferential(d: Differential): string {
  const percent = (100 * comparedShare(d)).toFixed(1);
  const head = [
    `## Differential check (${d.backends.join(', ')})`,
    '',
    `${d.comparedOnAll} of ${d.requestScenarios} scenarios that send requests ran on every backend (${percent} %); ${d.stateOnly} send none (state only).`,
    `${d.decisionsCompared} decisions compared (verdict, reason, FortiOS code, detail); ${d.disagreements.length} disagreements.`,
  ].join('\n');
  const parts = [head];
  if (d.disagreements.length === 0) parts.push('Every backend decided every compared request alike.');
  else {
    const rows = d.disagreements.map(
      (x) =>
        `| \`${x.scenario}\` ${cell(x.name)} | ${cell(x.what)} | ${d.backends.map((b) => cell(x.outcomes[b] ?? '—')).join(' | ')} |`,
    );
    parts.push(
      `| scenario | what | ${d.backends.join(' | ')} |\n|---|---|${d.backends.map(() => '---').join('|')}|\n${rows.join('\n')}`,
    );
  }
  if (d.notApplicable.length > 0) {
    parts.push(
      `### Not run on every backend\n\n| scenario | backend | why |\n|---|---|---|\n${d.notApplicable.map((n) => `| \`${n.scenario}\` | ${n.backend} | ${cell(n.reason)} |`).join('\n')}`,
    );
  }
  return `${parts.join('\n\n')}\n`;
}
