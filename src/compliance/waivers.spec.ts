import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decision, modelFrom, scenario } from '../../test/fixtures/report/sample-model';
import { applyWaivers, expiryOf, isExpired, type Waiver } from './waivers';

const waiver = (extra: Partial<Waiver>): Waiver => ({
  justification: 'approved exception',
  approver: 'ciso',
  expires: '2026-06-30',
  ...extra,
});

for (const [expires, now, expired] of [
  ['2026-06-30', '2026-06-30T23:59:59.999Z', false],
  ['2026-06-30', '2026-07-01T00:00:00.000Z', true],
  ['2026-06-30T12:00:00Z', '2026-06-30T11:59:59.000Z', false],
  ['2026-06-30T12:00:00+02:00', '2026-06-30T10:00:00.000Z', true],
] as const) {
  test(`waiver/expiry/${expires}@${now}`, () => assert.equal(isExpired(waiver({ expires }), new Date(now)), expired));
}

test('waiver/expiry: a date-only expiry lasts through that day (UTC)', () => {
  assert.equal(new Date(expiryOf('2026-02-28')).toISOString(), '2026-03-01T00:00:00.000Z');
});

const MODEL = modelFrom([
  scenario('f.feature', 3, 'passed', ['IA-2'], { evidence: [decision('allow', 'ALLOW')] }),
  scenario('f.feature', 9, 'failed', ['IA-3', 'AC-3'], { name: 'flaky one' }),
  scenario('f.feature', 15, 'undefined', ['SC-17']),
  scenario('f.feature', 21, 'passed', ['AC-3'], { evidence: [decision('deny', 'POLICY_DENY')] }),
]);
const NOW = new Date('2026-03-01T00:00:00Z');

test('waiver/scenario: by id, counted apart, never as passed', () => {
  const model = applyWaivers(MODEL, [waiver({ scenario: 'f.feature:9' })], NOW);
  const waived = model.scenarios.find((s) => s.id === 'f.feature:9')!;
  assert.equal(waived.status, 'failed');
  assert.equal(waived.waiver?.approver, 'ciso');
  assert.deepEqual([model.summary.counts.failed, model.summary.counts.waived, model.summary.counts.passed], [0, 1, 2]);
  assert.equal(model.controls.find((c) => c.id === 'IA-3')!.status, 'waived');
  assert.equal(model.controls.find((c) => c.id === 'AC-3')!.status, 'passed');
  assert.equal(model.controls.find((c) => c.id === 'AC-3')!.counts.waived, 1);
  assert.deepEqual(
    model.waivers.map((w) => w.state),
    ['applied'],
  );
});

test('waiver/scenario: by name', () => {
  assert.equal(applyWaivers(MODEL, [waiver({ scenario: 'flaky one' })], NOW).summary.counts.waived, 1);
});

test('waiver/control: waives the control, and scenarios only when all their controls are waived', () => {
  const partly = applyWaivers(MODEL, [waiver({ control: 'IA-3' })], NOW);
  assert.equal(partly.scenarios.find((s) => s.id === 'f.feature:9')!.waiver, null, 'AC-3 is not waived');
  assert.equal(partly.controls.find((c) => c.id === 'IA-3')!.status, 'waived');
  const fully = applyWaivers(MODEL, [waiver({ control: 'IA-3' }), waiver({ control: 'AC-3' })], NOW);
  assert.notEqual(fully.scenarios.find((s) => s.id === 'f.feature:9')!.waiver, null);
  assert.deepEqual(
    fully.waivers.map((w) => w.state),
    ['applied', 'applied'],
  );
});

test('waiver/control: a passing control is not waived, and the waiver is unused', () => {
  const model = applyWaivers(MODEL, [waiver({ control: 'IA-2' })], NOW);
  assert.equal(model.controls.find((c) => c.id === 'IA-2')!.status, 'passed');
  assert.deepEqual(
    model.waivers.map((w) => w.state),
    ['unused'],
  );
});

test('waiver/control: covers a control no scenario carries', () => {
  const model = applyWaivers(MODEL, [waiver({ control: 'SC-12' })], NOW);
  assert.equal(model.controls.find((c) => c.id === 'SC-12')!.status, 'waived');
});

test('waiver/expired: does not count but is reported', () => {
  const model = applyWaivers(MODEL, [waiver({ scenario: 'f.feature:9', expires: '2026-02-28' })], NOW);
  assert.equal(model.summary.counts.waived, 0);
  assert.deepEqual(
    model.waivers.map((w) => w.state),
    ['expired'],
  );
});

test('waiver/reapplying replaces earlier marks', () => {
  const once = applyWaivers(MODEL, [waiver({ scenario: 'f.feature:9' })], NOW);
  assert.equal(applyWaivers(once, [], NOW).summary.counts.waived, 0);
});
