export type { ConnectorFailure, ConnectorSettings } from './connector-checks';
export { EMS_SSL_CA_NAME } from './connector-checks';
export type { FabricLinkOptions, LinkStatus } from './fabric-link';
export { FabricLink, OUT_OF_SYNC_THRESHOLD_RANGE } from './fabric-link';
