import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import {
  assembleModel,
  type ControlCatalog,
  type FileDigest,
  type RunModel,
  type ScenarioResult,
  sha256,
} from '../compliance';
import { PACKAGE } from '../package-root';
import { FINDING_KINDS, type Finding, type FindingKind, SEVERITIES, type Severity } from './finding';

/** What each finding kind checks, as the report names it. */
const CHECKS: Record<FindingKind, string> = {
  'collection-failed': 'every gateway named for the audit was collected',
  'gateway-record-missing': 'every endpoint registered on EMS has a record on the gateway',
  'cert-sn-mismatch': 'gateway records carry the certificate SN EMS issued',
  'unregistered-endpoint-present': 'endpoints unregistered on EMS are gone from the gateway',
  'duplicate-uid': 'each FortiClient UID appears once',
  'unexpected-ems-serial': 'records come from the expected EMS',
  'unexpected-ems-tenant': 'records come from the expected EMS tenant',
  'cert-sn-zero': 'registered endpoints hold a ZTNA certificate (no all-zero SN)',
  'record-out-of-sync': 'gateway records are in sync with EMS',
  'gateway-record-without-uid': 'every gateway record names its FortiClient UID',
  'summary-count-mismatch': 'the summary line agrees with the records listed',
  'endpoint-offline': 'endpoints are online',
};

/** High and critical findings fail their check; lower ones are recorded as evidence only. */
export const blocking = (severity: Severity): boolean => SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf('high');

/** The input files of an audit, with their digests. */
export interface AuditSources {
  readonly gateways: readonly { readonly file: string; readonly text: string }[];
  readonly ems?: { readonly file: string; readonly text: string };
}

function checkScenario(
  kind: FindingKind,
  index: number,
  findings: readonly Finding[],
  fallbackFile: string,
  cwd: string,
): ScenarioResult {
  const [file = fallbackFile, line = '1'] = (findings[0]?.source ?? `${fallbackFile}:1`).split(/:(?=\d+$)/);
  const failed = findings.some((f) => blocking(f.severity));
  const shown = /^[a-z][a-z0-9+.-]*:\/\//i.test(file) ? file : relative(cwd, file) || file; // an ssh:// device is no path
  return {
    id: `audit/${kind}:${index + 1}`, // one per check; the location says where its first finding was read
    feature: 'Audit of FortiGate and EMS output',
    rule: null,
    name: `${CHECKS[kind]} (${findings.length} finding${findings.length === 1 ? '' : 's'})`,
    location: { file: shown, line: Number(line) },
    tags: [`@control:${FINDING_KINDS[kind].control}`, `@finding:${kind}`],
    controls: [FINDING_KINDS[kind].control],
    status: failed ? 'failed' : 'passed',
    durationMs: 0,
    attempts: 1,
    failingStep: failed ? { keyword: 'Then', text: CHECKS[kind], location: findings[0]!.source } : null,
    message: failed
      ? findings
          .filter((f) => blocking(f.severity))
          .map((f) => `${f.severity}: ${f.message} (${f.source})`)
          .join('\n')
      : null,
    steps: [],
    evidence: findings.map((f) => ({
      kind: 'note' as const,
      title: `${f.severity} ${f.id}${f.uid ? ` ${f.uid}` : ''}`,
      text: `${f.message} (${f.source})`,
    })),
    waiver: null,
  };
}

/**
 * Findings as a run model, so that an audit gets the same reports and gate as a feature run:
 * one "scenario" per check (finding kind), failed when it found something high or above.
 */
export function auditReport(
  findings: readonly Finding[],
  sources: AuditSources,
  catalog: ControlCatalog,
  now: Date,
  cwd = process.cwd(),
): RunModel {
  const digest = (s: { file: string; text: string }): FileDigest => ({
    path: relative(cwd, s.file) || s.file,
    sha256: sha256(s.text),
  });
  const features = sources.gateways.map(digest);
  const kinds = Object.keys(FINDING_KINDS) as FindingKind[];
  const scenarios = kinds.map((kind, i) =>
    checkScenario(
      kind,
      i,
      findings.filter((f) => f.id === kind),
      sources.gateways[0]?.file ?? 'gateway',
      cwd,
    ),
  );
  const id = randomUUID();
  const base = {
    modelVersion: 1 as const,
    tool: { name: PACKAGE.name, version: PACKAGE.version },
    run: {
      id,
      startedAt: now.toISOString(),
      finishedAt: now.toISOString(),
      complete: true,
      nodeVersion: process.version,
      cucumberVersion: null,
      gitCommit: null,
      target: { kind: 'audit', url: null, tlsVerify: true },
      shards: [{ runId: id, startedAt: now.toISOString(), finishedAt: now.toISOString() }],
      errors: [],
    },
    inputs: {
      featureSetDigest: sha256(features.map((f) => `${f.path} ${f.sha256}`).join('\n')),
      features,
      scenarioFiles: sources.ems ? [digest(sources.ems)] : [],
      catalog: { path: relative(cwd, catalog.file) || catalog.file, sha256: catalog.digest },
    },
  };
  return assembleModel(base, scenarios, catalog.controls, new Map(), []);
}
