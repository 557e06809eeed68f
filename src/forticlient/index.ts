export type { Identity, StoreListing } from './certificate-store';
export { CertificateStore } from './certificate-store';
export type { EmsEndpointService, EndpointProfile } from './forticlient';
export { FortiClient } from './forticlient';
