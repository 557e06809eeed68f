export { createLab, Lab } from './lab';
export type { LabOverrides } from './lab';
export { DEFAULT_GATEWAY, DESKTOP_USER_AGENT } from './lab-spec';
export type { EndpointSpec, GatewaySpec, LabSpec, LinkSpec } from './lab-spec';
export { craftIdentity } from './crafted-identity';
export type { CraftOptions } from './crafted-identity';
export { loadScenario } from './scenario-file';
export type { ActionName, Check, CheckAction, Scenario } from './scenario-file';
