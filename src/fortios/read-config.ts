import { readTextFile } from '../input/regular-file';
import type { ConfigTree } from './config-tree';
import { parseFortiosConfig } from './parse-config';

/**
 * Configuration files larger than this are refused before they are parsed. A full-config backup
 * of a large FortiGate (tens of thousands of lines, certificates included) is a few megabytes.
 */
export const MAX_FORTIOS_CONFIG_BYTES = 32 * 1024 * 1024;

/** Reads and parses a FortiOS configuration file: a regular file, within the size bound, strict UTF-8. */
export function readFortiosConfig(file: string): ConfigTree {
  return parseFortiosConfig(readTextFile(file, { what: 'FortiOS configuration', maxBytes: MAX_FORTIOS_CONFIG_BYTES }), file);
}
