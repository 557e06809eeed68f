import { ZtnaWorld } from './world';

/** One step of the library: its pattern, what it does, an example line, and its code. */
export interface StepDefinition {
  readonly keyword: 'Given' | 'When' | 'Then';
  /** A cucumber expression. */
  readonly pattern: string;
  readonly summary: string;
  /** A line a feature can use as it is (docs/steps.md shows it; a test dry-runs it). */
  readonly example: string;
  // Cucumber passes each step's arguments positionally.
  readonly run: (this: ZtnaWorld, ...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A group of steps by actor, as docs/steps.md lists them. */
export interface StepGroup {
  readonly actor: string;
  readonly intro: string;
  readonly steps: readonly StepDefinition[];
}

export const given = (pattern: string, summary: string, example: string, run: StepDefinition['run']): StepDefinition => ({ keyword: 'Given', pattern, summary, example, run });
export const when = (pattern: string, summary: string, example: string, run: StepDefinition['run']): StepDefinition => ({ keyword: 'When', pattern, summary, example, run });
export const then = (pattern: string, summary: string, example: string, run: StepDefinition['run']): StepDefinition => ({ keyword: 'Then', pattern, summary, example, run });

/** `"Domain-Users, HR"` → `['Domain-Users', 'HR']`. */
export const tagList = (text: string): string[] => text.split(',').map((t) => t.trim()).filter(Boolean);
