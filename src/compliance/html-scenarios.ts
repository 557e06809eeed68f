import { type FailureParts, failureParts } from './failure-message';
import { formatDuration, scenarioStatusLabel, statusLabel, waiverLine } from './present';
import type { DecisionEvidence, Evidence, RunModel, ScenarioResult } from './run-model';
import { SCENARIO_STATUSES } from './run-model';
import { html, type SafeHtml } from './safe-html';

/** The scenarios part of compliance.html: filters and one collapsible entry per scenario. */
export function scenariosSection(model: RunModel): SafeHtml {
  const statuses = [...SCENARIO_STATUSES, 'waived'].map(
    (status) => html`<option value="${status}">${statusLabel(status)}</option>`,
  );
  const controls = model.controls
    .filter((c) => c.scenarios.length > 0)
    .map((c) => html`<option value="${c.id}">${c.id}</option>`);
  return html`<section id="scenarios" aria-labelledby="scenarios-title">
<h2 id="scenarios-title">Scenarios</h2>
<form id="filters" role="search">
<label>Status<select id="filter-status"><option value="">all</option>${statuses}</select></label>
<label>Control<select id="filter-control"><option value="">all</option>${controls}</select></label>
<label>Search<input id="filter-text" type="search" placeholder="name, feature, tag"></label>
<output id="filter-count">${model.scenarios.length} scenarios</output>
</form>
<div id="scenario-list">
${model.scenarios.map(scenarioEntry)}
</div>
</section>`;
}

function scenarioEntry(scenario: ScenarioResult): SafeHtml {
  const filterStatus = scenario.waiver ? 'waived' : scenario.status;
  const searchText = [scenario.name, scenario.feature, scenario.id, ...scenario.tags].join(' ').toLowerCase();
  const open = filterStatus !== 'passed' && filterStatus !== 'not_applicable';
  return html`<details class="scenario" data-status="${filterStatus}" data-controls="${scenario.controls.join(' ')}" data-text="${searchText}"${open ? html` open` : ''}>
<summary><span class="badge badge-${filterStatus}">${scenarioStatusLabel(scenario)}</span> ${scenario.feature} › <strong>${scenario.name}</strong> <span class="scenario-id">${scenario.id}</span></summary>
<p>${scenario.controls.map((id) => html`<span class="chip">${id}</span>`)} ${scenario.tags.filter((t) => !t.startsWith('@control:')).map((t) => html`<span class="chip">${t}</span>`)}</p>
<p class="meta">${scenario.rule ? html`Rule: ${scenario.rule} · ` : ''}${formatDuration(scenario.durationMs)}${scenario.attempts > 1 ? html` · ${scenario.attempts} attempts` : ''}</p>
${scenario.waiver ? html`<p class="waiver">${waiverLine(scenario.waiver)}</p>` : ''}
${failure(scenario)}
<ol class="steps">${scenario.steps.map((step) => html`<li class="step-${step.status}">${step.keyword} ${step.text} <span class="meta">(${statusLabel(step.status)}, ${formatDuration(step.durationMs)})</span></li>`)}</ol>
${evidenceBlock(scenario.evidence)}
</details>`;
}

/** Where a scenario failed and why: the step, the assertion in full, and the stack collapsed without dependencies' frames. */
function failure(scenario: ScenarioResult): SafeHtml | string {
  if (!scenario.failingStep && !scenario.message) return '';
  const step = scenario.failingStep;
  const parts = scenario.message === null ? undefined : failureParts(scenario.message);
  return html`<div class="failure">${step ? html`<p>Failed step: <strong>${step.keyword} ${step.text}</strong>${step.location ? html` (${step.location})` : ''}</p>` : ''}${parts?.assertion ? html`<p>${scenario.status === 'failed' ? 'Assertion' : 'Why'}:</p><pre class="assertion">${parts.assertion}</pre>` : ''}${parts ? stackTrace(parts) : ''}</div>`;
}

function stackTrace({ frames, hiddenFrames }: FailureParts): SafeHtml | string {
  if (frames.length === 0) return '';
  const hidden = hiddenFrames > 0 ? html`, ${hiddenFrames} of node_modules and Node left out` : '';
  return html`<details class="stack"><summary>Stack trace (${frames.length} frame${frames.length === 1 ? '' : 's'}${hidden})</summary><pre>${frames.join('\n')}</pre></details>`;
}

function evidenceBlock(evidence: readonly Evidence[]): SafeHtml | string {
  if (evidence.length === 0) return '';
  const decisions = evidence.filter((item): item is DecisionEvidence => item.kind === 'decision');
  // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch covers every kind of evidence
  const others = evidence.map((item) => {
    switch (item.kind) {
      case 'decision':
        return '';
      case 'not-applicable':
        return html`<p>Not applicable on this target: ${item.reason}</p>`;
      case 'note':
        return html`<h4>${item.title}</h4><pre>${item.text}</pre>`;
      case 'other':
        return html`<h4>Evidence of kind ${item.declaredKind ?? 'unknown'}</h4><pre>${JSON.stringify(item.data, null, 2)}</pre>`;
    }
  });
  return html`<div class="evidence"><h4>Evidence</h4>${decisions.length > 0 ? decisionTable(decisions) : ''}${others}</div>`;
}

function decisionTable(decisions: readonly DecisionEvidence[]): SafeHtml {
  const rows = decisions.map(
    (d) => html`<tr>
<td><span class="badge badge-${d.verdict === 'allow' ? 'passed' : 'failed'}">${d.verdict}</span></td>
<td>${d.reason ?? '—'}</td><td>${d.fortiosCode ?? '—'}</td><td>${d.httpStatus ?? '—'}</td>
<td>${d.gateway ?? '—'} ← ${d.endpoint ?? 'no endpoint'}<br>${d.probe.host ?? ''}${d.probe.path ?? ''}${d.probe.userAgent ? html`<br>UA: ${d.probe.userAgent}` : ''}</td>
<td>${d.uid ?? '—'}<br>SN ${d.certificateSerial ?? '—'}<br>${d.issuer ?? ''}<br><code>${d.fingerprint ?? ''}</code></td>
<td>${d.rule ?? '—'}</td><td>${d.detail ?? ''}${d.tlsAlert ? html`<br>TLS alert: ${d.tlsAlert}` : ''}</td>
<td>${d.virtualTime ?? '—'}<br>${d.target ?? ''}</td>
</tr>`,
  );
  return html`<table class="decisions">
<thead><tr><th>Verdict</th><th>Reason</th><th>FortiOS</th><th>HTTP</th><th>Gateway ← endpoint, request</th><th>Certificate (UID, SN, issuer, SHA-256)</th><th>Rule</th><th>Detail</th><th>Virtual time, target</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}
