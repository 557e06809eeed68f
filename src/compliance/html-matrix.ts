import { statusLabel } from './present';
import type { GatewayMatrix, LabMatrix, MatrixCell, RunModel } from './run-model';
import { html, type SafeHtml } from './safe-html';

/** `allow` or `deny 065`, what a cell shows; the reason is in its title and evidence. */
const cellText = (c: MatrixCell): string => (c.verdict === 'allow' ? 'allow' : `deny ${c.fortiosCode ?? ''}`.trim());

function evidencePanel(lab: LabMatrix, g: GatewayMatrix, r: number, c: number, id: string): SafeHtml {
  const cell = g.cells[r]![c]!;
  const row = g.rows[r]!;
  const facts: [string, string | number | null][] = [
    ['verdict', cell.verdict],
    ['reason', cell.reason],
    ['FortiOS code', cell.fortiosCode],
    ['HTTP status', cell.httpStatus],
    ['rule', cell.rule],
    ['detail', cell.detail],
    ['client', `${row.label} (${statusLabel(row.clientClass)})`],
    ['User-Agent', row.userAgent],
    ['destination', `https://${g.columns[c]!.host}${g.columns[c]!.path}`],
    ['access proxy', g.gateway],
    ['computed during', lab.scenario],
  ];
  const items = facts.filter(([, v]) => v !== null).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`);
  return html`<div class="cell-evidence" id="${id}" role="region" aria-label="evidence of ${row.label} to ${g.columns[c]!.label}" hidden>
<h4>${row.label} → ${g.columns[c]!.label}</h4><dl>${items}</dl></div>`;
}

function gatewayTable(lab: LabMatrix, l: number, g: GatewayMatrix, gi: number): SafeHtml {
  const id = (r: number, c: number) => `cell-${l}-${gi}-${r}-${c}`;
  const head = g.columns.map((column) => html`<th scope="col">${column.label}</th>`);
  const rows = g.rows.map((row, r) => {
    const cells = g.cells[r]!.map(
      (cell, c) =>
        html`<td class="cell cell-${cell.verdict}"><button type="button" class="cell-button" data-evidence="${id(r, c)}" aria-controls="${id(r, c)}" aria-expanded="false" title="${cell.reason}${cell.rule ? ` (rule ${cell.rule})` : ''}">${cellText(cell)}</button></td>`,
    );
    return html`<tr><th scope="row" class="client-${row.clientClass}">${row.label}</th>${cells}</tr>`;
  });
  const panels = g.rows.flatMap((_, r) => g.columns.map((__, c) => evidencePanel(lab, g, r, c, id(r, c))));
  return html`<h4>Access proxy ${g.gateway}</h4>
<table class="access-matrix" data-lab="${lab.name}" data-gateway="${g.gateway}">
<thead><tr><th scope="col">client \\ destination</th>${head}</tr></thead>
<tbody>${rows}</tbody>
</table>
${panels}`;
}

/** The access matrix of each lab: who can reach what, each cell clickable to its evidence. */
export function matrixSection(model: RunModel): SafeHtml | string {
  const labs = model.labs ?? [];
  if (labs.length === 0) return '';
  const parts = labs.map(
    (lab, l) =>
      html`<div class="lab-matrix"><h3>${lab.name}</h3>${lab.gateways.map((g, gi) => gatewayTable(lab, l, g, gi))}</div>`,
  );
  return html`<section id="access-matrix" aria-labelledby="access-matrix-title">
<h2 id="access-matrix-title">Access matrix</h2>
<p>Every endpoint of each lab, as its scenario file declares it, and a client without a certificate by user-agent class, against every destination the access proxy's rules name: what the access proxy decides (allow, or deny with its FortiOS error code), computed by the engine's own decision on a fresh copy of the lab. Click a cell for its evidence.</p>
${parts}
</section>`;
}
