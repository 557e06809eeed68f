/**
 * The stylesheet and script inlined into compliance.html. They are constants so the page's
 * Content-Security-Policy can pin them by hash: the report loads nothing from the network and
 * runs no script but this one, even if a value escaped escaping.
 */

export const REPORT_CSS = `
:root { color-scheme: light; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --muted: #57606a; --line: #d0d7de; --na: #6e7781; --waived: #8250df; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; padding: 24px; color: #1f2328; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; }
.meta { color: var(--muted); margin: 0; }
.outcome { display: inline-block; font-weight: 700; font-size: 16px; padding: 4px 12px; border-radius: 6px; color: #fff; margin: 12px 0; }
.outcome-passed { background: var(--ok); } .outcome-failed { background: var(--bad); }
.cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; padding: 0; list-style: none; }
.cards li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 96px; }
.cards b { display: block; font-size: 20px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; color: #fff; background: var(--na); white-space: nowrap; }
.badge-passed { background: var(--ok); } .badge-failed, .badge-undefined, .badge-pending { background: var(--bad); }
.badge-incomplete, .badge-skipped { background: var(--warn); } .badge-waived { background: var(--waived); }
.badge-not_covered, .badge-not_applicable, .badge-not_run { background: var(--na); }
.chip { display: inline-block; border: 1px solid var(--line); border-radius: 10px; padding: 0 6px; font-size: 12px; margin-right: 4px; }
form#filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin: 8px 0; }
form#filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
details.scenario { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; padding: 4px 10px; }
details.scenario > summary { cursor: pointer; }
.scenario-id { color: var(--muted); font-size: 12px; }
pre { white-space: pre-wrap; word-break: break-word; background: #f6f8fa; padding: 8px; border-radius: 6px; margin: 4px 0; }
ol.steps { margin: 4px 0; padding-left: 20px; }
.step-failed, .step-undefined, .step-ambiguous, .step-pending { color: var(--bad); font-weight: 600; }
.step-skipped, .step-not_run { color: var(--na); }
.waiver { color: var(--waived); }
[hidden] { display: none !important; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
table.access-matrix { width: auto; } table.access-matrix th[scope=row] { white-space: nowrap; }
td.cell { padding: 2px; text-align: center; }
.cell-button { font: inherit; font-size: 12px; font-weight: 600; width: 100%; min-width: 72px; border: 0; border-radius: 4px; padding: 4px 8px; cursor: pointer; color: #fff; }
.cell-allow .cell-button { background: var(--ok); } .cell-deny .cell-button { background: var(--bad); }
.cell-button[aria-expanded=true] { outline: 3px solid #0969da; outline-offset: 1px; }
.client-unknown, .client-unmanageable { font-style: italic; }
.cell-evidence { border: 1px solid var(--line); border-left: 4px solid #0969da; border-radius: 6px; padding: 4px 12px; margin: 8px 0; max-width: 720px; }
.cell-evidence h4 { margin: 4px 0; } .cell-evidence dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0; }
.cell-evidence dt { color: var(--muted); } .cell-evidence dd { margin: 0; word-break: break-word; }
svg text { font: 11px system-ui, sans-serif; fill: #1f2328; }
.cv-allow { fill: var(--ok); } .cv-deny { fill: var(--bad); } .cv-count { fill: var(--muted); }
.tl-axis { fill: var(--line); } .tl-window { fill: #ffebe9; stroke: var(--bad); }
.tl-revoked, .tl-allowed, .tl-denied { stroke-width: 2; } .tl-revoked { stroke: var(--warn); } .tl-allowed { stroke: var(--ok); } .tl-denied { stroke: var(--bad); }
.tl-title { font-weight: 600; } figure.timeline { margin: 8px 0 16px; } figure.timeline figcaption { color: var(--muted); font-size: 12px; }
@media print { .cell-button { color: #000; background: none !important; border: 1px solid var(--line); } }
`;

export const REPORT_SCRIPT = `
(function () {
  'use strict';
  // Access matrix: a cell's button shows that cell's evidence panel (one at a time).
  var buttons = Array.prototype.slice.call(document.querySelectorAll('.cell-button'));
  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      var panel = document.getElementById(button.getAttribute('data-evidence'));
      var opening = panel.hidden;
      buttons.forEach(function (other) {
        other.setAttribute('aria-expanded', 'false');
        document.getElementById(other.getAttribute('data-evidence')).hidden = true;
      });
      panel.hidden = !opening;
      button.setAttribute('aria-expanded', opening ? 'true' : 'false');
      if (opening) panel.scrollIntoView({ block: 'nearest' });
    });
  });
})();
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) return;
  var status = document.getElementById('filter-status');
  var control = document.getElementById('filter-control');
  var search = document.getElementById('filter-text');
  var count = document.getElementById('filter-count');
  var items = Array.prototype.slice.call(document.querySelectorAll('details.scenario'));
  function apply() {
    var wantStatus = status.value;
    var wantControl = control.value;
    var query = search.value.trim().toLowerCase();
    var shown = 0;
    items.forEach(function (item) {
      var visible = (!wantStatus || item.getAttribute('data-status') === wantStatus) &&
        (!wantControl || item.getAttribute('data-controls').split(' ').indexOf(wantControl) >= 0) &&
        (!query || item.getAttribute('data-text').indexOf(query) >= 0);
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown + ' of ' + items.length + ' scenarios shown';
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  Array.prototype.forEach.call(document.querySelectorAll('[data-filter-control]'), function (link) {
    link.addEventListener('click', function () { control.value = link.getAttribute('data-filter-control'); apply(); });
  });
  apply();
})();
`;
