/**
 * The bounds of a lab's time: where its virtual clock starts and how far a gateway's clock may be
 * skewed from it. Both come from user input (a scenario, a step), so both refuse with BAD_INPUT.
 */
import { HarnessError } from '../errors';
import { CLOCK_START_RANGE, clockStartInRange, type LabSpec } from './lab-definition';

const DAY = 86_400_000;
const MAX_SKEW_MS = 3650 * DAY;

/** The lab's start time in ms: the spec's `clockStart`, else 2026-01-01, within the range certificates can be dated in. */
export function clockStartOf(spec: LabSpec): number {
  const start = spec.clockStart === undefined ? Date.UTC(2026, 0, 1) : new Date(spec.clockStart).getTime();
  if (!clockStartInRange(start)) {
    throw new HarnessError(
      'BAD_INPUT',
      `the lab's clock-start ${JSON.stringify(spec.clockStart)} is not a date from ${CLOCK_START_RANGE.shown}, the range its certificates can be dated in`,
    );
  }
  return start;
}

/** A gateway clock skew in ms, refused beyond ten years either way (or when it is not a number). */
export function checkSkew(ms: number): number {
  if (!(Math.abs(ms) <= MAX_SKEW_MS))
    throw new HarnessError('BAD_INPUT', `a gateway clock skew of ${ms / 1000} s is more than ten years`);
  return ms;
}
