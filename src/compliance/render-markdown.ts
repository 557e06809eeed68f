import { firstLine, scenarioStatusLabel, statusLabel, waiverLine } from './present';
import { printable } from './printable';
import type { ControlResult, RunModel, ScenarioResult } from './run-model';

const MAX_LISTED = 20;
const ICON: Readonly<Record<string, string>> = {
  passed: '✅',
  failed: '❌',
  undefined: '❌',
  pending: '❌',
  incomplete: '⚠️',
  skipped: '⏭️',
  not_applicable: '➖',
  not_covered: '➖',
  waived: '🟣',
};

/**
 * compliance.md: a summary fit for a pull-request comment — outcome, counts (waived apart), the
 * controls the run touched, and the scenarios that need attention. Everything from the run is
 * escaped: GitHub renders inline HTML and Markdown in comments.
 */
export function renderMarkdown(model: RunModel): string {
  const { summary, run } = model;
  const counts = Object.entries(summary.counts)
    .map(([status, n]) => `${n} ${statusLabel(status)}`)
    .join(' · ');
  const controls = Object.entries(summary.controls)
    .map(([status, n]) => `${n} ${statusLabel(status)}`)
    .join(' · ');
  const target = `${run.target.kind}${run.target.url ? ` ${run.target.url}` : ''}, TLS verification ${run.target.tlsVerify ? 'on' : 'off (insecure: true)'}`;
  return [
    `## ${summary.outcome === 'passed' ? '✅' : '❌'} ZTNA compliance: ${summary.outcome}`,
    '',
    `**Scenarios (${summary.scenarios}):** ${counts}  `,
    `**Controls:** ${controls}  `,
    `**Evidence:** ${summary.evidence.allow} allow · ${summary.evidence.deny} deny decisions  `,
    md(
      `Target ${target} · commit ${run.gitCommit?.slice(0, 12) ?? 'unknown'} · ${model.tool.name} ${model.tool.version} · run ${run.id}${run.shards.length > 1 ? ` (${run.shards.length} shards)` : ''}`,
    ),
    '',
    ...controlsTable(model.controls),
    ...listSection(
      'Needs attention',
      model.scenarios.filter((s) => !s.waiver && !['passed', 'not_applicable'].includes(s.status)),
      attentionLine,
    ),
    ...listSection(
      'Waived (counted apart)',
      model.scenarios.filter((s) => s.waiver),
      (s) => `${scenarioRef(s)}: ${md(waiverLine(s.waiver!))}`,
    ),
    ...listSection(
      'Waivers not in force',
      model.waivers.filter((w) => w.state === 'expired'),
      (w) => `${md(w.control ?? w.scenario ?? '')}: expired ${md(w.expires)}, not counted`,
    ),
    ...listSection('Run errors', run.errors, (error) => `**${md(error.source)}**: ${md(firstLine(error.message))}`),
  ].join('\n');
}

function controlsTable(controls: readonly ControlResult[]): string[] {
  const touched = controls.filter((control) => control.scenarios.length > 0 || control.waiver);
  const untouched = controls.filter((control) => !touched.includes(control)).map((control) => control.id);
  return [
    '| Control | Status | Scenarios | Allow | Deny | Waived |',
    '|---|---|---:|---:|---:|---:|',
    ...touched.map(
      (c) =>
        `| ${md(c.id)} ${md(c.title)} | ${ICON[c.status] ?? ''} ${statusLabel(c.status)} | ${c.scenarios.length} | ${c.allowEvidence} | ${c.denyEvidence} | ${c.counts.waived} |`,
    ),
    '',
    ...(untouched.length > 0 ? [`Not covered by this run: ${md(untouched.join(', '))}`, ''] : []),
  ];
}

function listSection<T>(title: string, items: readonly T[], line: (item: T) => string): string[] {
  if (items.length === 0) return [];
  const more = items.length > MAX_LISTED ? [`- … and ${items.length - MAX_LISTED} more (see compliance.html)`] : [];
  return [`### ${title}`, '', ...items.slice(0, MAX_LISTED).map((item) => `- ${line(item)}`), ...more, ''];
}

function attentionLine(scenario: ScenarioResult): string {
  const step = scenario.failingStep ? ` at ${md(`${scenario.failingStep.keyword} ${scenario.failingStep.text}`)}` : '';
  const message = scenario.message ? `: ${md(firstLine(scenario.message))}` : '';
  return `${ICON[scenario.status] ?? ''} ${scenarioRef(scenario)} (${scenarioStatusLabel(scenario)})${step}${message}`;
}

const scenarioRef = (scenario: ScenarioResult): string => `**${md(scenario.name)}** ${md(scenario.id)}`;

/**
 * Text made inert for GitHub Markdown, on one line: control characters shown as escapes (an
 * ANSI sequence must not reach a terminal that cats the file), HTML characters as entities and
 * inline punctuation backslashed. Block syntax (`#`, `-`, `1.`) needs no escaping because this
 * text never starts a line.
 */
export function md(text: string): string {
  return printable(text.replace(/[\r\n]+/g, ' '))
    .replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
