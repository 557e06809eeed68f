import { StepGroup, when } from './vocabulary';

const advance = (ms: number) =>
  async function (this: import('./world').ZtnaWorld, count: number) {
    await this.change((lab) => lab.clock.advance(count * ms));
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
