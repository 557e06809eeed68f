import type { GherkinChild, GherkinDocument } from './envelope';

/** Lookups from Gherkin AST node ids to what a report shows about them. */
export interface GherkinIndex {
  /** Step id → keyword (trimmed) and line. */
  readonly steps: ReadonlyMap<string, { readonly keyword: string; readonly line: number }>;
  /** Scenario id → the name of the Rule it sits in. */
  readonly rules: ReadonlyMap<string, string>;
  /** Scenario or example-row id → line. */
  readonly lines: ReadonlyMap<string, number>;
}

/** Indexes every document's steps, rules and scenario lines. */
export function indexDocuments(documents: Iterable<GherkinDocument>): GherkinIndex {
  const steps = new Map<string, { keyword: string; line: number }>();
  const rules = new Map<string, string>();
  const lines = new Map<string, number>();
  const visit = (children: readonly GherkinChild[], rule: string | undefined): void => {
    for (const child of children) {
      if (child.rule) visit(child.rule.children, child.rule.name);
      for (const step of [...(child.background?.steps ?? []), ...(child.scenario?.steps ?? [])]) {
        steps.set(step.id, { keyword: step.keyword.trim(), line: step.location.line });
      }
      const scenario = child.scenario;
      if (!scenario) continue;
      lines.set(scenario.id, scenario.location.line);
      if (rule !== undefined) rules.set(scenario.id, rule);
      for (const examples of scenario.examples) {
        for (const row of examples.tableBody) lines.set(row.id, row.location.line);
      }
    }
  };
  for (const document of documents) visit(document.feature?.children ?? [], undefined);
  return { steps, rules, lines };
}
