import { clockSteps } from './clock.steps';
import { emsSteps } from './ems.steps';
import { endpointSteps } from './endpoint.steps';
import { fabricSteps } from './fabric.steps';
import { faultSteps } from './fault.steps';
import { fortiosSteps } from './fortios.steps';
import { fortiosObjectSteps } from './fortios-objects.steps';
import { gatewaySteps } from './gateway.steps';
import { labSteps } from './lab.steps';
import type { StepGroup } from './vocabulary';

/** The whole step library, by actor, in the order docs/steps.md lists it. */
export const STEP_LIBRARY: readonly StepGroup[] = [
  labSteps,
  emsSteps,
  endpointSteps,
  gatewaySteps,
  fortiosSteps,
  fortiosObjectSteps,
  fabricSteps,
  faultSteps,
  clockSteps,
];
