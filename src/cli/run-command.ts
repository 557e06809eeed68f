import { join, resolve } from 'node:path';
import { describeTarget, runFeatures } from '../cucumber';
import { badInput } from '../errors';
import { prepareOutputDir } from '../input';
import { loadScenario } from '../lab';
import { parseCommandArgs, positiveInt } from './args';
import { EXIT } from './cli-error';
import { cucumberPaths, resolveRunInputs } from './run-paths';

export const RUN_HELP = `Usage: ztna-harness run [PATH...] [options]

Runs Gherkin features and the checks: tables of YAML scenario files against the in-process
engine (or a target), and writes the compliance reports.

PATH             .feature files or folders, .yaml scenario files or folders
                 (default: features/, scenarios/*.yaml and scenarios/fortios/*.yaml in
                 the working directory);
                 file.feature:LINE runs one scenario. A PATH is a path, never a pattern:
                 lab[prod].feature runs that file
Options:
  --profile P    cucumber profile from cucumber.cjs (default: default)
  --tags EXPR    cucumber tag expression, e.g. "@control:IA-3 and not @slow"
  --reports DIR  where reports are written (default: reports)
  --parallel N   run scenarios in N worker processes
  --target T     where requests go: in-process (default), wire (the reference proxy over
                 TLS), nginx or haproxy (a real nginx or HAProxy the harness starts on
                 the export), or a target file (YAML, schemas/target.schema.json)
                 describing a proxy you run
  --policy FILE  a gate policy whose waivers the reports show (counted apart, never as passed)
  --follow-symlinks  write the reports even if the --reports folder is a symbolic link
  -h, --help     this help

Exit status: 0 every scenario passed, 1 a scenario failed, 2 bad input or configuration —
including a run that selected no scenario at all (the paths or --tags match none): a run
that checked nothing must not look like one that passed.
`;

const RUN_OPTIONS = {
  profile: { type: 'string' },
  tags: { type: 'string' },
  reports: { type: 'string' },
  parallel: { type: 'string' },
  target: { type: 'string' },
  policy: { type: 'string' },
  'follow-symlinks': { type: 'boolean' },
} as const;

/** `ztna-harness run` */
export async function runCommand(argv: string[], cwd = process.cwd()): Promise<number> {
  const { values, positionals } = parseCommandArgs('run', argv, RUN_OPTIONS);
  if (values.help) {
    process.stdout.write(RUN_HELP);
    return EXIT.ok;
  }
  const parallel = positiveInt(values.parallel as string | undefined, '--parallel');
  const inputs = resolveRunInputs(positionals, cwd);
  // Every scenario file is read (and rejected, with file:line:col) before anything runs.
  const scenarios = inputs.scenarios.map((file) => loadScenario(file));
  const target = (values.target as string | undefined) ?? 'in-process';
  const targetInfo = describeTarget(target);
  // Checked (and created) before cucumber opens run.log in it.
  const reportsDir = prepareOutputDir(resolve(cwd, (values.reports as string | undefined) ?? 'reports'), {
    followSymlinks: values['follow-symlinks'] === true,
  });
  if (!targetInfo.tlsVerify)
    process.stdout.write(
      `insecure: true: TLS verification of ${targetInfo.url} is off (the target file says insecure: true)\n`,
    );
  const outcome = await runFeatures({
    cwd,
    profile: values.profile as string | undefined,
    featurePaths: cucumberPaths(inputs.features, cwd),
    scenarios,
    tags: values.tags as string | undefined,
    parallel,
    stdoutFormatter: process.stdout.isTTY ? 'progress-bar' : join(__dirname, 'line-formatter.cjs'),
    reportsDir,
    reportOptions: {
      reportsDir,
      target: targetInfo,
      scenarioFiles: inputs.scenarios.map((f) => resolve(cwd, f)),
      ...(values.policy ? { policy: resolve(cwd, values.policy as string) } : {}),
    },
    worldParameters: { target },
  });
  if (outcome.started === 0) throw nothingRan(positionals.length > 0, values.tags as string | undefined);
  return outcome.success ? EXIT.ok : EXIT.failed;
}

/** A run that selected no scenario: bad input, since it checked nothing and must not pass. */
const nothingRan = (pathsGiven: boolean, tags: string | undefined) =>
  badInput(
    `run: no scenario ran: ${pathsGiven ? 'the paths given' : 'features/ and scenarios/'}${tags ? ` with --tags ${JSON.stringify(tags)}` : ''} select none; a run that checks nothing does not pass`,
  );
