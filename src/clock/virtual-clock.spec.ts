import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SkewedClock, VirtualClock } from './index';

test('timers fire in time order, each seeing its own due time', () => {
  const clock = new VirtualClock(1_000);
  const seen: [string, number][] = [];
  clock.schedule(1_500, () => seen.push(['b', clock.now()]));
  clock.schedule(1_200, () => seen.push(['a', clock.now()]));
  const cancel = clock.schedule(1_300, () => seen.push(['cancelled', clock.now()]));
  cancel();
  clock.advance(400);
  assert.deepEqual(seen, [['a', 1_200]]);
  assert.equal(clock.now(), 1_400);
  clock.advanceTo(2_000);
  assert.deepEqual(seen, [
    ['a', 1_200],
    ['b', 1_500],
  ]);
  assert.equal(clock.pending, 0);
});

test('a timer due now runs at once; time never goes backwards', () => {
  const clock = new VirtualClock(new Date('2026-01-01T00:00:00Z'));
  let ran = false;
  clock.schedule(clock.now(), () => (ran = true));
  assert.ok(ran);
  assert.throws(() => clock.advanceTo(0), RangeError);
  assert.throws(() => clock.advance(-1), RangeError);
  assert.equal(clock.date().toISOString(), '2026-01-01T00:00:00.000Z');
});

test('a skewed clock follows its base with an offset', () => {
  const base = new VirtualClock(10_000);
  const skewed = new SkewedClock(base, -2_000);
  base.advance(500);
  assert.equal(skewed.now(), 8_500);
});
