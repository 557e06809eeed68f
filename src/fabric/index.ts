export type { FabricLinkOptions, LinkStatus } from './fabric-link';
export { FabricLink } from './fabric-link';
