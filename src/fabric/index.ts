export { FabricLink } from './fabric-link';
export type { FabricLinkOptions, LinkStatus } from './fabric-link';
