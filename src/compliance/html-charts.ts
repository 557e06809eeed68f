import type { ControlResult, Evidence, RunModel, ScenarioResult } from './run-model';
import { html, type SafeHtml } from './safe-html';

/** The exposure window a scenario measured, read from its evidence note (src/lab/exposure-window.ts). */
export interface ExposureTimeline {
  readonly revokedAt: string;
  readonly lastAllowedSeconds: number | null;
  readonly firstDeniedSeconds: number | null;
}

const ISO = '(\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z)';
const REVOKED = new RegExp(`revoked on EMS at ${ISO}`);
const LAST = new RegExp(`last allowed at ${ISO} \\(\\+(\\d+) s\\)`);
const FIRST = new RegExp(`first denied at ${ISO} \\(\\+(\\d+) s\\)`);

/** The timeline of an `exposure window` note, or null for any other evidence. */
export function exposureOf(item: Evidence): ExposureTimeline | null {
  if (item.kind !== 'note' || item.title !== 'exposure window') return null;
  const revoked = REVOKED.exec(item.text);
  if (!revoked) return null;
  const last = LAST.exec(item.text);
  const first = FIRST.exec(item.text);
  return {
    revokedAt: revoked[1]!,
    lastAllowedSeconds: last ? Number(last[2]) : null,
    firstDeniedSeconds: first ? Number(first[2]) : null,
  };
}

const W = 560;
const X0 = 20;

function timelineSvg(scenario: ScenarioResult, t: ExposureTimeline, index: number): SafeHtml {
  const end = Math.max(t.firstDeniedSeconds ?? 0, t.lastAllowedSeconds ?? 0, 1) * 1.15;
  const x = (s: number) => (X0 + (s / end) * (W - 2 * X0)).toFixed(1);
  const window = t.firstDeniedSeconds ?? end;
  const label =
    t.firstDeniedSeconds === null ? 'never denied: the window is still open' : `exposed for ${t.firstDeniedSeconds} s`;
  // The revocation's label starts at its tick, so it is not cut at the left edge.
  const tick = (s: number | null, cls: string, text: string, anchor = 'middle') =>
    s === null
      ? ''
      : html`<line class="${cls}" x1="${x(s)}" x2="${x(s)}" y1="18" y2="58"/><text class="tl-label" x="${x(s)}" y="74" text-anchor="${anchor}">${text}</text>`;
  return html`<figure class="timeline" data-scenario="${scenario.id}">
<svg id="timeline-${index}" viewBox="0 0 ${W} 84" width="${W}" height="84" role="img" aria-label="${scenario.name}: revoked at ${t.revokedAt}, ${label}">
<rect class="tl-axis" x="${X0}" y="37" width="${W - 2 * X0}" height="2"/>
<rect class="tl-window" x="${x(0)}" y="26" width="${(Number(x(window)) - Number(x(0))).toFixed(1)}" height="24"/>
<text class="tl-title" x="${x(window / 2)}" y="16" text-anchor="middle">${label}</text>
${tick(0, 'tl-revoked', 'revoked 0 s', 'start')}${tick(t.lastAllowedSeconds, 'tl-allowed', `last allowed +${t.lastAllowedSeconds} s`)}${tick(t.firstDeniedSeconds, 'tl-denied', `proxy denies +${t.firstDeniedSeconds} s`)}
</svg>
<figcaption>${scenario.name} (${scenario.id}) · revoked on EMS at ${t.revokedAt}</figcaption>
</figure>`;
}

/** An exposure timeline for each scenario that measured one (the sync-fault scenarios). */
export function timelineSection(model: RunModel): SafeHtml | string {
  const figures = model.scenarios.flatMap((s) =>
    s.evidence.flatMap((item) => {
      const t = exposureOf(item);
      return t ? [{ s, t }] : [];
    }),
  );
  if (figures.length === 0) return '';
  return html`<section id="exposure" aria-labelledby="exposure-title">
<h2 id="exposure-title">Exposure timelines</h2>
<p>From the revocation on EMS to the first request the access proxy denied: the time a revoked certificate stayed usable while the fabric was slow or down.</p>
${figures.map(({ s, t }, i) => timelineSvg(s, t, i))}
</section>`;
}

function coverageRow(c: ControlResult, i: number, scale: number): SafeHtml {
  const y = 22 + i * 20;
  const allow = c.allowEvidence * scale;
  const deny = c.denyEvidence * scale;
  return html`<text class="cv-label" x="0" y="${y + 12}">${c.id}</text>
<rect class="cv-allow" x="110" y="${y}" width="${allow.toFixed(1)}" height="14"><title>${c.id}: ${c.allowEvidence} allow</title></rect>
<rect class="cv-deny" x="${(110 + allow).toFixed(1)}" y="${y}" width="${deny.toFixed(1)}" height="14"><title>${c.id}: ${c.denyEvidence} deny</title></rect>
<text class="cv-count" x="${(116 + allow + deny).toFixed(1)}" y="${y + 12}">${c.allowEvidence} / ${c.denyEvidence}</text>`;
}

/** Allow and deny evidence per control, as bars. */
export function coverageSection(model: RunModel): SafeHtml {
  const max = Math.max(1, ...model.controls.map((c) => c.allowEvidence + c.denyEvidence));
  const scale = 380 / max;
  const height = 30 + model.controls.length * 20;
  return html`<section id="coverage" aria-labelledby="coverage-title">
<h2 id="coverage-title">Control coverage</h2>
<svg id="coverage-chart" viewBox="0 0 580 ${height}" width="580" height="${height}" role="img" aria-label="allow and deny decisions evidenced per control">
<rect class="cv-allow" x="110" y="2" width="12" height="12"/><text class="cv-count" x="126" y="13">allow</text>
<rect class="cv-deny" x="176" y="2" width="12" height="12"/><text class="cv-count" x="192" y="13">deny</text>
${model.controls.map((c, i) => coverageRow(c, i, scale))}
</svg>
</section>`;
}
