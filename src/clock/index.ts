export type { Clock } from './virtual-clock';
export { SkewedClock, VirtualClock } from './virtual-clock';
