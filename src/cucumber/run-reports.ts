import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IRunConfiguration } from '@cucumber/cucumber/api';
import { loadTargetFile } from '../target';

type Formats = IRunConfiguration['formats'];
const FORMATTER = 'formatter.cjs';
/** The formatter's shim beside this module: src/cucumber/ under ts-node, dist/src/cucumber/ when built. */
const FORMATTER_FILE = join(__dirname, FORMATTER);
/** How a user's cucumber config may name the formatter: its file, or the package's export. */
const namesFormatter = (specifier: string): boolean =>
  specifier.endsWith(FORMATTER) || specifier === 'ztna-harness/formatter';

/**
 * Makes sure the compliance formatter runs once, writing into `reportsDir` with these options,
 * whether or not the cucumber config already names it (by file or as `ztna-harness/formatter`).
 */
export function useReportFormatter(formats: Formats, reportsDir: string, options: Record<string, unknown>): void {
  for (const [file, formatter] of Object.entries(formats.files)) {
    if (namesFormatter(formatter)) delete formats.files[file];
  }
  formats.files[join(reportsDir, 'run.log')] = pathToFileURL(FORMATTER_FILE).href;
  // The run's options win; others from the user's profile (a catalog of their own) are kept.
  const configured = (formats.options as { ztna?: Record<string, unknown> }).ztna;
  formats.options = { ...formats.options, ztna: { ...configured, ...options } as never };
}

/** What the report says about the target: kind, URL, and whether TLS verification was on. */
export function describeTarget(target: string): { kind: string; url: string | null; tlsVerify: boolean } {
  if (target === 'in-process') return { kind: 'in-process', url: null, tlsVerify: true };
  if (target === 'wire' || target === 'nginx' || target === 'haproxy')
    return { kind: target, url: 'https://127.0.0.1', tlsVerify: true };
  const file = loadTargetFile(target);
  return { kind: file.identities === 'static' ? 'static' : 'provisioned', url: file.url, tlsVerify: !file.insecure };
}
