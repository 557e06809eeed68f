import type { RunModel } from './run-model';

/** How `audit` tags a check scenario with its finding kind (`@finding:cert-sn-mismatch`). */
export const FINDING_TAG_PREFIX = 'finding:';

export type FindingSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** One audit finding, read back from the run model `audit` writes. */
export interface AuditFinding {
  readonly kind: string;
  readonly severity: FindingSeverity;
  readonly control: string;
  readonly check: string;
  readonly subject: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
}

// `audit` writes each finding as a note titled "<severity> <kind>[ <uid>]" whose text ends in
// "(<file>:<line>)", the place in the dump it was read from.
const TITLE = /^(critical|high|medium|low|info) (\S+)(?: (.*))?$/;
const SOURCE = /^(.*) \((.+?):(\d+)\)$/s;

// An absolute dump path as the repository-relative path the model's inputs list for it, which
// is what code scanning can place.
function relativeTo(model: RunModel, file: string): string {
  if (!file.startsWith('/')) return file;
  const inputs = [...model.inputs.features, ...model.inputs.scenarioFiles]
    .map((f) => f.path)
    .filter((p) => !p.startsWith('/'));
  return inputs.find((p) => file.endsWith(`/${p}`)) ?? file;
}

/** The audit findings of a model (none for a feature run). */
export function auditFindingsOf(model: RunModel): AuditFinding[] {
  return model.scenarios.flatMap((scenario) => {
    const kind = scenario.tags
      .find((t) => t.startsWith(`@${FINDING_TAG_PREFIX}`))
      ?.slice(FINDING_TAG_PREFIX.length + 1);
    if (!kind) return [];
    return scenario.evidence.flatMap((item) => {
      const title = item.kind === 'note' ? TITLE.exec(item.title) : null;
      if (item.kind !== 'note' || !title) return [];
      const source = SOURCE.exec(item.text);
      return [
        {
          kind,
          severity: title[1] as FindingSeverity,
          control: scenario.controls[0] ?? 'unknown',
          check: scenario.name.replace(/ \(\d+ findings?\)$/, ''),
          subject: title[3] ?? '',
          message: source ? source[1]! : item.text,
          file: relativeTo(model, source ? source[2]! : scenario.location.file),
          line: source ? Number(source[3]) : scenario.location.line,
        },
      ];
    });
  });
}
