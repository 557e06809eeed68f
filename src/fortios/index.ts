export type { FortiosVersion, VersionGate, VersionGateName } from '../gateway';
export {
  compareFortiosVersions,
  DEFAULT_FORTIOS_VERSION,
  formatFortiosVersion,
  hasFeature,
  parseFortiosVersion,
  VERSION_GATES,
} from '../gateway';
export type {
  ConfigBody,
  ConfigEntry,
  ConfigHeader,
  ConfigLocation,
  ConfigSection,
  ConfigSetting,
  ConfigTree,
} from './config-tree';
export type { DerivedCheck, DerivedChecks } from './derive-checks';
export { deriveChecks } from './derive-checks';
export type { FetchedConfig, FetchFortigateOptions } from './fetch-config';
export { fetchFortigateConfig } from './fetch-config';
export type * from './fortios-model';
export { hostnameOf, keepAccessProxy } from './keep-access-proxy';
export type { LabGatewayExport } from './lab-to-fortios';
export { labGatewayModel } from './lab-to-fortios';
export type { LabYamlInput } from './lab-yaml';
export { endpointNameFor, labYaml } from './lab-yaml';
export type { MapOptions, MappedConfig } from './map-config';
export { mapFortiosConfig } from './map-config';
export { MAX_CONFIG_DEPTH, parseFortiosConfig } from './parse-config';
export { MAX_FORTIOS_CONFIG_BYTES, readFortiosConfig } from './read-config';
export { BUILTIN_TAGS, resolveEmsTag } from './resolve-ems-tags';
export type { VdomView } from './select-vdom';
export { selectVdom } from './select-vdom';
export { writeFortiosConfig } from './write-config';
