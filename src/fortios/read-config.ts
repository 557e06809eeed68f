import { KINDS, readTextFile } from '../input';
import type { ConfigTree } from './config-tree';
import { parseFortiosConfig } from './parse-config';

/** Configuration files larger than this are refused before they are parsed (see src/input/limits.ts). */
export const MAX_FORTIOS_CONFIG_BYTES = KINDS.fortiosConfig.maxBytes;

/** Reads and parses a FortiOS configuration file: a regular file, within the size bound, strict UTF-8. */
export function readFortiosConfig(file: string): ConfigTree {
  return parseFortiosConfig(readTextFile(file, KINDS.fortiosConfig), file);
}
