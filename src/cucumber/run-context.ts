import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import {
  assertPolicyControls,
  type ControlCatalog,
  type FileDigest,
  loadCatalog,
  loadGatePolicy,
  sha256,
  type TargetInfo,
} from '../compliance';
import { badInput } from '../errors';
import { PACKAGE } from '../package-root';
import { asCommitId, type RunContext } from './build-run-model';

/** `formatOptions.ztna` of a cucumber profile; every key is optional. */
export interface ZtnaFormatOptions {
  /** Where the five report files go (default `reports`, relative to the working directory). */
  readonly reportsDir?: string;
  readonly target?: { readonly kind?: string; readonly url?: string | null; readonly tlsVerify?: boolean };
  /** Scenario (lab) YAML files the run used; their digests go into the report. */
  readonly scenarioFiles?: readonly string[];
  /** Features the run generated from those files' checks (temporary files, not inputs of the run). */
  readonly generatedFeatures?: readonly string[];
  /** Control catalog to use instead of the shipped one. */
  readonly catalog?: string;
  /** Gate policy whose waivers mark the results in the reports (see waivers.ts). */
  readonly policy?: string;
}

/** The formatter's settled configuration. */
export interface FormatterSetup {
  readonly reportsDir: string;
  readonly catalog: ControlCatalog;
  readonly context: RunContext;
}

const DEFAULT_TARGET: TargetInfo = { kind: 'in-process', url: null, tlsVerify: true };

/** Resolves formatter options against `cwd`: catalog, waivers, target, digests, tool and git facts. */
export function formatterSetup(options: ZtnaFormatOptions, cwd: string): FormatterSetup {
  const catalog = loadCatalog(options.catalog === undefined ? undefined : resolve(cwd, options.catalog));
  const policy = options.policy === undefined ? undefined : loadGatePolicy(resolve(cwd, options.policy));
  if (policy)
    assertPolicyControls(
      policy,
      catalog.controls.map((control) => control.id),
    );
  const { name, version } = PACKAGE;
  const context: RunContext = {
    tool: { name, version },
    target: { ...DEFAULT_TARGET, ...options.target },
    gitCommit: gitCommit(cwd),
    nodeVersion: process.version,
    scenarioFiles: (options.scenarioFiles ?? []).map((file) => fileDigest(file, cwd)),
    generatedFeatures: (options.generatedFeatures ?? []).map((file) => shownPath(file, cwd)),
    catalog: { path: relative(cwd, catalog.file) || catalog.file, sha256: catalog.digest, controls: catalog.controls },
    waivers: policy?.waivers ?? [],
    fallbackRunId: randomUUID(),
  };
  const { kind, url, tlsVerify } = context.target;
  if (
    typeof kind !== 'string' ||
    kind === '' ||
    (url !== null && typeof url !== 'string') ||
    typeof tlsVerify !== 'boolean'
  ) {
    throw badInput(
      'formatOptions.ztna.target: expected { kind: non-empty string, url: string or null, tlsVerify: boolean }',
    );
  }
  return { reportsDir: resolve(cwd, options.reportsDir ?? 'reports'), catalog, context };
}

/**
 * A path as the report shows it: relative to the working directory, with `/` (as cucumber
 * names features), so that the same project gives the same inputs on every machine.
 */
const shownPath = (path: string, cwd: string): string =>
  (relative(cwd, resolve(cwd, path)) || path).split(sep).join('/');

function fileDigest(path: string, cwd: string): FileDigest {
  const shown = shownPath(path, cwd);
  try {
    return { path: shown, sha256: sha256(readFileSync(resolve(cwd, path))) };
  } catch {
    return { path: shown, sha256: null };
  }
}

// CI systems name the commit in the environment; otherwise ask git (read-only), if there is one.
function gitCommit(cwd: string): string | null {
  const fromCi = process.env.GITHUB_SHA ?? process.env.CI_COMMIT_SHA ?? process.env.GIT_COMMIT;
  return asCommitId(fromCi ?? readGitHead(cwd));
}

function readGitHead(cwd: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim();
  } catch {
    return null;
  }
}
