import { validTagNames } from '../src/export/tag-names';
import type { ZtnaWorld } from './world';

/** One step of the library: its pattern, what it does, an example line, and its code. */
export interface StepDefinition {
  readonly keyword: 'Given' | 'When' | 'Then';
  /** A cucumber expression. */
  readonly pattern: string;
  readonly summary: string;
  /** A line a feature can use as it is (docs/steps.md shows it; a test dry-runs it). */
  readonly example: string;
  // Cucumber passes each step's arguments positionally.
  // biome-ignore lint/suspicious/noExplicitAny: each step's own signature types its arguments
  readonly run: (this: ZtnaWorld, ...args: any[]) => unknown;
}

/** A group of steps by actor, as docs/steps.md lists them. */
export interface StepGroup {
  readonly actor: string;
  readonly intro: string;
  readonly steps: readonly StepDefinition[];
}

export const given = (
  pattern: string,
  summary: string,
  example: string,
  run: StepDefinition['run'],
): StepDefinition => ({ keyword: 'Given', pattern, summary, example, run });
export const when = (
  pattern: string,
  summary: string,
  example: string,
  run: StepDefinition['run'],
): StepDefinition => ({ keyword: 'When', pattern, summary, example, run });
// biome-ignore lint/suspicious/noThenProperty: the step keyword is the name a step file reads best
export const then = (
  pattern: string,
  summary: string,
  example: string,
  run: StepDefinition['run'],
): StepDefinition => ({ keyword: 'Then', pattern, summary, example, run });

/**
 * A Then step that reads the lab's own state (registry, stores, diagnose): on a target whose
 * state is not the harness's (static identities) it makes the scenario not applicable.
 */
export function thenInLab(
  pattern: string,
  summary: string,
  example: string,
  run: StepDefinition['run'],
): StepDefinition {
  const guarded = async function (this: ZtnaWorld, ...args: unknown[]) {
    const target = await this.target();
    if (!target.can.showLabView)
      return this.notApplicable(`the ${target.info.kind} target's state is not the harness's lab`);
    return run.apply(this, args);
  };
  // Cucumber checks a step function's arity against its pattern's parameters.
  Object.defineProperty(guarded, 'length', { value: run.length });
  return then(pattern, summary, example, guarded);
}

/** `"HR-Staff, Admins"` → `['HR-Staff', 'Admins']`: FortiOS object names in a step, separated by commas. */
export const nameList = (text: string): string[] =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/**
 * `"Domain-Users, HR"` → `['Domain-Users', 'HR']`: ZTNA tags are separated by commas (a tag name
 * never holds one); a name outside FortiOS's limits is refused.
 */
export const tagList = (text: string): string[] => validTagNames(nameList(text));
