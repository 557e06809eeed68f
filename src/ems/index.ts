export { Ems } from './ems';
export type { EmsOptions, EmsSnapshot, RegistrationRequest, RegistryOnRestart, Site } from './ems-records';
export type { EmsSslIdentity } from './ems-ssl';
export type { EndpointEntry } from './endpoint-registry';
export { DEFAULT_TENANT_ID, NO_CERTIFICATE_SN, newUid, rootCaName, UID_PATTERN } from './identifiers';
export type { Revocation } from './revocation-ledger';
export type { SigningContext, SigningValidator } from './signing-policy';
export {
  clientAuthOnly,
  csrSignatureValid,
  DEFAULT_SIGNING_POLICY,
  keyStrength,
  uidFormat,
  uidMatchesSubject,
  validity,
} from './signing-policy';
export type { RootCa } from './ztna-ca';
export { issuerOf } from './ztna-ca';
