import { dirname, resolve } from 'node:path';
import { badInput } from '../../errors';
import type { GatewayDump } from '../gateway-dump';
import { isSshUrl } from './ssh-url';

/** One `--gateway`: a dump file or an ssh:// URL, with the EMS sites the auditor says it serves. */
export interface GatewaySpec {
  readonly value: string;
  readonly sites: readonly string[];
  /** Where it was named, for messages: `--gateway` or `FILE:LINE`. */
  readonly from: string;
}

/**
 * Reads a `--gateways-from` list: one ssh:// URL or dump path a line, optionally followed by
 * `--site NAME` pairs; blank lines and `#` comments are skipped. Relative dump paths resolve
 * against the list's folder, so that the list can move with the dumps it names.
 */
export function parseGatewayList(text: string, file: string): GatewaySpec[] {
  return text.split(/\r?\n/).flatMap((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return [];
    const [value, ...sites] = line.split(/\s+--site\s+/);
    if (sites.some((site) => site.trim() === '' || /\s/.test(site.trim()))) {
      throw badInput(`${file}:${index + 1}: "--site" takes one site name each`, { file, line: index + 1 });
    }
    const target = isSshUrl(value) ? value : resolve(dirname(file), value);
    return [{ value: target, sites: sites.map((site) => site.trim()), from: `${file}:${index + 1}` }];
  });
}

/** The dumps read for one spec, scoped to the sites it names (if any). */
export const withSites = (dumps: readonly GatewayDump[], sites: readonly string[]): GatewayDump[] =>
  dumps.map((dump) => (sites.length > 0 ? { ...dump, sites } : dump));
