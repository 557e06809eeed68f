export { parseFortiosConfig, MAX_CONFIG_DEPTH } from './parse-config';
export { readFortiosConfig, MAX_FORTIOS_CONFIG_BYTES } from './read-config';
export { selectVdom } from './select-vdom';
export type { ConfigBody, ConfigEntry, ConfigHeader, ConfigLocation, ConfigSection, ConfigSetting, ConfigTree } from './config-tree';
export type { VdomView } from './select-vdom';
