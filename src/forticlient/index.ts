export { CertificateStore } from './certificate-store';
export type { Identity, StoreListing } from './certificate-store';
export { FortiClient } from './forticlient';
export type { EmsEndpointService, EndpointProfile } from './forticlient';
