/**
 * results.sarif: failures as SARIF 2.1.0, for GitHub code scanning (upload-sarif) and other
 * code-scanning views. One rule per control and per audit finding kind; one result per failed
 * scenario at its feature file:line, and per audit finding at the dump file:line. What upload-sarif
 * needs (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
 * `version` and `$schema`, `runs[].tool.driver`, repository-relative URIs with a `uriBaseId`,
 * `region.startLine` ≥ 1, a `ruleId` that names a rule, a numeric `security-severity`.
 */
import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { firstLine, statusLabel, waiverLine } from './present';
import { FAILING_STATUSES, type RunModel, type ScenarioResult } from './run-model';
import { type AuditFinding, auditFindingsOf, FINDING_TAG_PREFIX, type FindingSeverity } from './sarif-audit';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<FindingSeverity, Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
// GitHub's bands: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
const SECURITY_SEVERITY: Record<FindingSeverity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

const fingerprint = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

function location(file: string, line: number): Result['locations'] {
  const absolute = file.startsWith('/');
  return [
    {
      physicalLocation: {
        artifactLocation: absolute
          ? { uri: `file://${encodeURI(file)}` }
          : { uri: encodeURI(file), uriBaseId: '%SRCROOT%' },
        region: { startLine: Math.max(1, line) },
      },
    },
  ];
}

function controlRules(model: RunModel): ReportingDescriptor[] {
  return model.controls.map((c) => ({
    id: c.id,
    name: c.title
      .replace(/[^A-Za-z0-9]+/g, ' ')
      .trim()
      .replace(/ (\w)/g, (_, ch: string) => ch.toUpperCase())
      .replace(/^\w/, (ch) => ch.toUpperCase()),
    shortDescription: { text: `${c.id} ${c.title}` },
    fullDescription: { text: c.description },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'compliance', c.framework] },
  }));
}

function findingRules(findings: readonly AuditFinding[]): ReportingDescriptor[] {
  const kinds = new Map(findings.map((f) => [f.kind, f]));
  return [...kinds.values()].map((f) => ({
    id: `${FINDING_TAG_PREFIX}${f.kind}`,
    shortDescription: { text: f.check },
    defaultConfiguration: { level: LEVEL[f.severity] },
    properties: { tags: ['security', 'audit', f.control], 'security-severity': SECURITY_SEVERITY[f.severity] },
  }));
}

function scenarioResult(scenario: ScenarioResult, ruleIndex: number): Result {
  const why = scenario.message ? firstLine(scenario.message) : statusLabel(scenario.status);
  return {
    ruleId: scenario.controls[0]!,
    ruleIndex,
    level: scenario.status === 'failed' ? 'error' : 'warning',
    message: { text: `${scenario.feature}: ${scenario.name} — ${statusLabel(scenario.status)}: ${why}` },
    locations: location(scenario.location.file, scenario.location.line),
    partialFingerprints: { 'ztnaScenario/v1': fingerprint(scenario.id) },
    properties: { scenario: scenario.id, controls: [...scenario.controls] },
    ...(scenario.waiver && {
      suppressions: [{ kind: 'external', status: 'accepted', justification: waiverLine(scenario.waiver) }],
    }),
  };
}

function findingResult(finding: AuditFinding, ruleIndex: number): Result {
  return {
    ruleId: `${FINDING_TAG_PREFIX}${finding.kind}`,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: location(finding.file, finding.line),
    partialFingerprints: { 'ztnaFinding/v1': fingerprint(`${finding.kind}\0${finding.subject}\0${finding.message}`) },
    properties: { severity: finding.severity, control: finding.control },
  };
}

/** The SARIF log of a run; pure. */
export function renderSarif(model: RunModel): string {
  const findings = auditFindingsOf(model);
  const rules = [...controlRules(model), ...findingRules(findings)];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const failed = model.scenarios.filter(
    (s) =>
      FAILING_STATUSES.includes(s.status) &&
      s.controls.length > 0 &&
      !s.tags.some((t) => t.startsWith(`@${FINDING_TAG_PREFIX}`)),
  );
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: model.tool.name, version: model.tool.version, rules } },
        automationDetails: { id: `${model.tool.name}/${model.run.target.kind}/${model.run.id}` },
        invocations: [{ executionSuccessful: model.run.complete && model.run.errors.length === 0 }],
        results: [
          ...failed.map((s) => scenarioResult(s, index.get(s.controls[0]!)!)),
          ...findings.map((f) => findingResult(f, index.get(`${FINDING_TAG_PREFIX}${f.kind}`)!)),
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
