import { StepGroup, when } from './vocabulary';

// Certificates and CRLs are backdated an hour; past that a wall-clock proxy would see the future.
const WALL_CLOCK_SLACK = 50 * 60_000;

const advance = (ms: number) =>
  async function (this: import('./world').ZtnaWorld, count: number) {
    const lab = await this.lab();
    if (this.wallClock && lab.clock.now() + count * ms - Date.now() > WALL_CLOCK_SLACK) {
      return this.notApplicable(`the ${this.parameters.target} target checks certificate validity against the wall clock, which the lab cannot move ${count} × ${ms / 1000} s ahead`);
    }
    return this.change((l) => l.clock.advance(count * ms));
    return undefined;
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
