/**
 * Loads the ztna-harness step library into cucumber: the World, parameter types, every step and
 * the hook that tears a lab down. A user's cucumber config requires this module (or
 * `ztna-harness/steps`) beside its own step files.
 */
import {
  After,
  Before,
  defineParameterType,
  defineStep,
  setDefaultTimeout,
  setWorldConstructor,
} from '@cucumber/cucumber';
import { attachAccessMatrix } from '../src/cucumber';
import { STEP_LIBRARY } from './library';
import { PARAMETER_TYPES } from './parameter-types';
import { ZtnaWorld } from './world';

setWorldConstructor(ZtnaWorld);
// A cold key cache generates RSA keys (~150 ms each on 2 cores) inside the first lab steps.
setDefaultTimeout(60_000);

for (const type of PARAMETER_TYPES) {
  defineParameterType({
    name: type.name,
    regexp: type.regexp,
    transformer: type.transformer ?? ((text: string) => text),
  });
}

for (const group of STEP_LIBRARY) {
  for (const step of group.steps) defineStep(step.pattern, step.run);
}

// Paths in steps (a FortiOS configuration) are relative to the feature file.
Before(function (this: ZtnaWorld, { pickle }) {
  this.featureFile = pickle.uri;
});

After(async function (this: ZtnaWorld) {
  await attachAccessMatrix(this); // the lab's access matrix for the report (src/cucumber)
  await this.dispose();
});

export { STEP_LIBRARY } from './library';
export type { Exchange, ZtnaWorldParameters } from './world';
export { EVIDENCE_MEDIA_TYPE, ZtnaWorld } from './world';
