import type { IRunConfiguration } from '@cucumber/cucumber/api';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageFile } from '../package-root';
import { loadTargetFile } from '../target';

type Formats = IRunConfiguration['formats'];
const FORMATTER = 'formatter.cjs';

/**
 * Makes sure the compliance formatter runs once, writing into `reportsDir` with these options,
 * whether or not the cucumber config already names it.
 */
export function useReportFormatter(formats: Formats, reportsDir: string, options: Record<string, unknown>): void {
  for (const [file, formatter] of Object.entries(formats.files)) {
    if (formatter.endsWith(FORMATTER)) delete formats.files[file];
  }
  formats.files[join(reportsDir, 'run.log')] = pathToFileURL(packageFile('src', 'report', FORMATTER)).href;
  formats.options = { ...formats.options, ztna: options as never };
}

/** What the report says about the target: kind, URL, and whether TLS verification was on. */
export function describeTarget(target: string): { kind: string; url: string | null; tlsVerify: boolean } {
  if (target === 'in-process') return { kind: 'in-process', url: null, tlsVerify: true };
  if (target === 'wire' || target === 'nginx') return { kind: target, url: 'https://127.0.0.1', tlsVerify: true };
  const file = loadTargetFile(target);
  return { kind: file.identities === 'static' ? 'static' : 'provisioned', url: file.url, tlsVerify: !file.insecure };
}
