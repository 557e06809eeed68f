import { type StepGroup, when } from './vocabulary';

// Certificates and CRLs are backdated an hour; past that a wall-clock proxy would see the future.
const WALL_CLOCK_SLACK = 50 * 60_000;

/** Moves the lab's clock, unless a wall-clock target could not follow (then the scenario is not applicable). */
export async function advanceClock(world: import('./world').ZtnaWorld, ms: number): Promise<undefined | 'skipped'> {
  const lab = await world.lab();
  if (world.wallClock && lab.clock.now() + ms - Date.now() > WALL_CLOCK_SLACK) {
    return world.notApplicable(
      `the ${world.parameters.target} target checks certificate validity against the wall clock, which the lab cannot move ${ms / 1000} s ahead`,
    );
  }
  return world.change((l) => l.clock.advance(ms));
}

const advance = (ms: number) =>
  async function (this: import('./world').ZtnaWorld, count: number) {
    return advanceClock(this, count * ms);
  };

export const clockSteps: StepGroup = {
  actor: 'Clock',
  intro: 'Time is virtual: it moves only when a step says so, and delayed syncs land when it reaches them.',
  steps: [
    when('{int} second(s) pass(es)', 'Moves the virtual clock forward.', 'When 30 seconds pass', advance(1_000)),
    when('{int} minute(s) pass(es)', 'Moves the virtual clock forward.', 'When 3 minutes pass', advance(60_000)),
    when('{int} day(s) pass(es)', 'Moves the virtual clock forward.', 'When 400 days pass', advance(86_400_000)),
  ],
};
