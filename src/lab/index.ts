export type { CraftOptions, CraftRecipe } from './crafted-identity';
export { CRAFT_RECIPES, craftFromRecipe, craftIdentity } from './crafted-identity';
export type { ExposureWindow, ObservedRequest } from './exposure-window';
export { describeExposure, exposureWindow } from './exposure-window';
export type { FortiosConfigGateway, FortiosConfigOptions } from './fortios-config-gateway';
export { loadFortiosConfigGateway } from './fortios-config-gateway';
export { emsTagTerms } from './fortios-spelling';
export type { LabOverrides } from './lab';
export { createLab, Lab } from './lab';
export type {
  ActionName,
  ActionSubject,
  CheckAction,
  LabAction,
  LabActionArguments,
  LabActionName,
} from './lab-actions';
export { actionStep, LAB_ACTIONS, labActionNamed } from './lab-actions';
export type { ConnectorSpec, EndpointSpec, GatewaySpec, LabSpec, LinkSpec } from './lab-definition';
export { DEFAULT_GATEWAY, DESKTOP_USER_AGENT } from './lab-definition';
export type { Check, Scenario } from './scenario-file';
export { loadScenario } from './scenario-file';
