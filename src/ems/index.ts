export { Ems } from './ems';
export type { EmsOptions, EmsSnapshot, RegistrationRequest, RegistryOnRestart, Revocation, Site } from './ems';
export type { EmsSslIdentity } from './ems-ssl';
export type { EndpointEntry } from './endpoint-registry';
export { DEFAULT_TENANT_ID, NO_CERTIFICATE_SN, newUid, rootCaName, UID_PATTERN } from './identifiers';
export { clientAuthOnly, csrSignatureValid, DEFAULT_SIGNING_POLICY, keyStrength, uidFormat, uidMatchesSubject, validity } from './signing-policy';
export type { SigningContext, SigningValidator } from './signing-policy';
export { issuerOf } from './ztna-ca';
export type { RootCa } from './ztna-ca';
