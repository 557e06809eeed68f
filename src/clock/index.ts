export { SkewedClock, VirtualClock } from './virtual-clock';
export type { Clock } from './virtual-clock';
