export { InProcessTarget } from './in-process-target';
export { hostAndPath } from './target';
export type { Observation, Probe, Target, TargetInfo } from './target';
