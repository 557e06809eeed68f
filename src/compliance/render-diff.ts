import { statusLabel } from './present';
import { md } from './render-markdown';
import type { DecisionChange, DecisionOutcome, ReportDiff } from './report-diff';

const side = (status: string | null): string => (status === null ? '—' : statusLabel(status));

/** `deny CERT_REVOKED (063) rule r1`, or `—` when that side had no such decision. */
export function outcomeText(o: DecisionOutcome | null): string {
  if (!o) return '—';
  return [o.verdict, o.reason, o.fortiosCode && `(${o.fortiosCode})`, o.rule && `rule ${o.rule}`]
    .filter(Boolean)
    .join(' ');
}

const probeText = (d: DecisionChange): string =>
  [
    d.probe.endpoint ?? 'no certificate',
    `→ ${d.probe.destination ?? '?'}`,
    d.probe.userAgent && `UA ${d.probe.userAgent}`,
    d.probe.gateway && `via ${d.probe.gateway}`,
  ]
    .filter(Boolean)
    .join(' ') + (d.occurrence > 1 ? ` (request ${d.occurrence})` : '');

/** The diff as a pull-request comment. */
export function renderDiffMarkdown(diff: ReportDiff): string {
  const lines = [`## ztna-harness: what this change does to access`, ''];
  const runs = `base run ${md(diff.base.runId)}${diff.base.commit ? ` (${diff.base.commit.slice(0, 12)})` : ''} → head run ${md(diff.head.runId)}${diff.head.commit ? ` (${diff.head.commit.slice(0, 12)})` : ''}`;
  lines.push(`${diff.regression ? '**Regression.**' : 'No regression.'} ${runs}`, '');
  if (diff.scenarios.length + diff.controls.length + diff.decisions.length === 0)
    return `${[...lines, 'Nothing changed.'].join('\n')}\n`;
  if (diff.decisions.length > 0) {
    lines.push(
      `### Decisions that changed (${diff.decisions.length})`,
      '',
      '| scenario | probe | base | head |',
      '| --- | --- | --- | --- |',
    );
    for (const d of diff.decisions)
      lines.push(
        `| ${md(d.scenario)} | ${md(probeText(d))} | ${md(outcomeText(d.base))} | ${md(outcomeText(d.head))} |`,
      );
    lines.push('');
  }
  if (diff.scenarios.length > 0) {
    lines.push(
      `### Scenarios whose status changed (${diff.scenarios.length})`,
      '',
      '| scenario | where | base | head |',
      '| --- | --- | --- | --- |',
    );
    for (const s of diff.scenarios)
      lines.push(
        `| ${s.regression ? '❌ ' : ''}${md(s.name)} | ${md(s.location)} | ${side(s.base)} | ${side(s.head)} |`,
      );
    lines.push('');
  }
  if (diff.controls.length > 0) {
    lines.push(
      `### Controls whose status changed (${diff.controls.length})`,
      '',
      '| control | base | head |',
      '| --- | --- | --- |',
    );
    for (const c of diff.controls)
      lines.push(`| ${c.regression ? '❌ ' : ''}${md(c.id)} | ${side(c.base)} | ${side(c.head)} |`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

/** The diff as JSON (`report diff --out`). */
export const renderDiffJson = (diff: ReportDiff): string => `${JSON.stringify(diff, null, 2)}\n`;
