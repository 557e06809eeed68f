export { FabricLink, toGatewaySync } from './fabric-link';
export type { FabricLinkOptions, LinkStatus } from './fabric-link';
