import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import type { Scenario } from '../lab';
import { checksToFeature } from './check-feature';
import { useReportFormatter } from './run-reports';

/** The files cucumber reads its configuration from, as it looks for them in the working directory. */
const CUCUMBER_CONFIG_FILES = [
  'cucumber.js',
  'cucumber.cjs',
  'cucumber.mjs',
  'cucumber.json',
  'cucumber.yaml',
  'cucumber.yml',
];

/** The step library's entry point: steps/index.ts under ts-node, dist/steps/index.js when built. */
const stepLibraryEntry = (): string => require.resolve(join(__dirname, '..', '..', 'steps', 'index'));

/** One cucumber run as `ztna-harness run` asks for it. */
export interface CucumberRunRequest {
  readonly cwd: string;
  readonly profile?: string;
  /** Feature paths as cucumber takes them (file:line allowed). */
  readonly featurePaths: readonly string[];
  /** Scenario files whose `checks:` tables run as generated features. */
  readonly scenarios: readonly Scenario[];
  readonly tags?: string;
  readonly parallel?: number;
  /** The stdout formatter: a cucumber built-in name or a formatter file. */
  readonly stdoutFormatter: string;
  readonly reportsDir: string;
  /** The compliance formatter's options (`ztna`), apart from the generated features this adds. */
  readonly reportOptions: Record<string, unknown>;
  readonly worldParameters: Readonly<Record<string, string>>;
}

/** What the run did: whether cucumber passed, and how many test cases started. */
export interface CucumberRunOutcome {
  readonly success: boolean;
  readonly started: number;
}

/** Runs the features and the checks of `request.scenarios` through cucumber with the compliance formatter. */
export async function runFeatures(request: CucumberRunRequest): Promise<CucumberRunOutcome> {
  const { cwd } = request;
  const generated = mkdtempSync(join(tmpdir(), 'ztna-harness-checks-'));
  try {
    const checkFeatures = writeCheckFeatures(request.scenarios, generated);
    const { runConfiguration } = await loadConfiguration(
      { profiles: request.profile ? [request.profile] : [] },
      { cwd },
    );
    // A project without a cucumber config of its own still gets the package's step library.
    if (!CUCUMBER_CONFIG_FILES.some((file) => existsSync(join(cwd, file)))) {
      runConfiguration.support.requireModules = [
        ...(runConfiguration.support.requireModules ?? []),
        stepLibraryEntry(),
      ];
    }
    runConfiguration.sources.paths = [...request.featurePaths, ...checkFeatures];
    if (request.tags) runConfiguration.sources.tagExpression = request.tags;
    if (request.parallel) runConfiguration.runtime.parallel = request.parallel;
    runConfiguration.formats.stdout = request.stdoutFormatter;
    useReportFormatter(runConfiguration.formats, request.reportsDir, {
      ...request.reportOptions,
      generatedFeatures: checkFeatures,
    });
    runConfiguration.runtime.worldParameters = {
      ...runConfiguration.runtime.worldParameters,
      ...request.worldParameters,
    };
    let started = 0;
    const { success } = await runCucumber(
      runConfiguration,
      { cwd },
      (envelope) => void (envelope.testCaseStarted && started++),
    );
    return { success, started };
  } finally {
    rmSync(generated, { recursive: true, force: true });
  }
}

/** The checks: tables of `scenarios` as feature files in `dir`, for cucumber to run. */
function writeCheckFeatures(scenarios: readonly Scenario[], dir: string): string[] {
  return scenarios
    .filter((s) => s.checks.length > 0)
    .map((s, index) => {
      // A name of our own making, safe from cucumber's globbing; @source: tags name the YAML.
      const file = join(
        dir,
        `${index + 1}-${basename(s.file)
          .replace(/\.ya?ml$/, '')
          .replace(/[^\w.-]/g, '_')}.feature`,
      );
      writeFileSync(file, checksToFeature(s, s.file));
      return file;
    });
}
