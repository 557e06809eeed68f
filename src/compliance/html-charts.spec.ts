import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelFrom, scenario } from '../../test/fixtures/report/sample-model';
import { describeExposure, exposureWindow } from '../lab/exposure-window';
import { coverageSection, exposureOf, timelineSection } from './html-charts';
import { matrixSection } from './html-matrix';

const AT = Date.parse('2026-03-01T10:00:00.000Z');
const SN = 'AB'.repeat(20);
const note = (seconds: readonly number[], deniedFrom: number) => ({
  kind: 'note' as const,
  title: 'exposure window',
  text: describeExposure(
    exposureWindow(
      SN,
      AT,
      seconds.map((s) => ({
        at: AT + s * 1000,
        serial: SN,
        verdict: s >= deniedFrom ? ('deny' as const) : ('allow' as const),
      })),
    ),
    'stolen',
  ),
});

for (const [name, seconds, deniedFrom, expected] of [
  ['window/denied-after-sync', [0, 60, 185], 180, { lastAllowedSeconds: 60, firstDeniedSeconds: 185 }],
  ['window/denied-at-once', [0], 0, { lastAllowedSeconds: null, firstDeniedSeconds: 0 }],
  ['window/never-denied', [0, 30], 1e9, { lastAllowedSeconds: 30, firstDeniedSeconds: null }],
] as const) {
  test(`timeline/${name}: read from the fault steps' own wording`, () => {
    assert.deepEqual(exposureOf(note(seconds, deniedFrom)), { revokedAt: '2026-03-01T10:00:00.000Z', ...expected });
  });
}

test('timeline: an SVG per scenario with an exposure window, none without', () => {
  const withWindow = modelFrom([
    scenario('features/faults.feature', 9, 'passed', ['IA-5(2)'], { evidence: [note([0, 60, 185], 180)] }),
  ]);
  const svg = String(timelineSection(withWindow));
  assert.match(svg, /<svg id="timeline-0"[^>]*role="img"/);
  assert.match(svg, /exposed for 185 s/);
  assert.match(svg, /proxy denies \+185 s/);
  assert.equal(timelineSection(modelFrom([scenario('features/x.feature', 1, 'passed', ['AC-3'])])), '');
  assert.equal(exposureOf({ kind: 'note', title: 'log', text: 'revoked on EMS at 2026-03-01T10:00:00.000Z' }), null);
});

test('coverage: a bar pair per control, widths in proportion to the evidence', () => {
  const model = modelFrom([
    scenario('features/x.feature', 1, 'passed', ['AC-3'], {
      evidence: [1, 2, 3].map(() => ({
        kind: 'decision',
        gateway: null,
        endpoint: null,
        probe: { host: null, path: null, userAgent: null },
        verdict: 'deny',
        reason: 'POLICY_DENY',
        fortiosCode: '062',
        httpStatus: 403,
        tlsAlert: null,
        detail: null,
        uid: null,
        certificateSerial: null,
        issuer: null,
        fingerprint: null,
        rule: null,
        virtualTime: null,
        target: null,
      })),
    }),
  ]);
  const svg = String(coverageSection(model));
  assert.equal(
    svg.match(/class="cv-deny" x="[\d.]+" y="\d+"/g)?.length,
    model.controls.length + 1,
    'one per control and the legend',
  );
  assert.match(svg, /<title>AC-3: 3 deny<\/title>/);
  assert.match(svg, /class="cv-deny" x="110.0" y="\d+" width="380.0"/, 'the largest bar takes the full width');
});

test('matrix: no section for a run without labs', () =>
  assert.equal(matrixSection({ ...modelFrom([]), labs: [] }), ''));
