import { PACKAGE } from '../package-root';
import { EXIT, reportError } from './cli-error';
import { endQuietlyOnClosedOutput } from './closed-output';

type Command = (argv: string[]) => Promise<number>;

// A command's module (and cucumber, node-forge, ajv, undici behind it) loads only when that
// command runs, so --help and --version answer at once.
const COMMANDS: Record<string, { summary: string; load: () => Command }> = {
  init: {
    summary: 'scaffold features, a YAML lab, cucumber.cjs, a gate policy and CI into a repository',
    load: () => (require('./init-command') as typeof import('./init-command')).initCommand,
  },
  run: {
    summary: 'run features and YAML checks, write the compliance reports',
    load: () => (require('./run-command') as typeof import('./run-command')).runCommand,
  },
  validate: {
    summary: 'check scenario, target and FortiOS configuration files',
    load: () => (require('./validate-command') as typeof import('./validate-command')).validateCommand,
  },
  gate: {
    summary: 'decide from a compliance report whether a change may land',
    load: () => (argv) => (require('./gate-command') as typeof import('./gate-command')).gateCommand(argv),
  },
  report: {
    summary: 'report merge|sign|verify|diff: join shards, sign and verify the reports, compare two runs',
    load: () => (argv) => (require('./report-command') as typeof import('./report-command')).reportCommand(argv),
  },
  audit: {
    summary: 'compare FortiGate diagnose output (files or over SSH) with an EMS export; report the findings',
    load: () => (require('./audit-command') as typeof import('./audit-command')).auditCommand,
  },
  import: {
    summary: 'import fortios: turn a FortiGate configuration (file or REST API) into a YAML lab',
    load: () => (require('./import-command') as typeof import('./import-command')).importCommand,
  },
  export: {
    summary: 'write what a real proxy (nginx, HAProxy, a FortiGate) needs to enforce a lab',
    load: () => (require('./export-command') as typeof import('./export-command')).exportCommand,
  },
  serve: {
    summary: 'run the reference access proxy (TLS) with its admin interface',
    load: () => (require('./serve-command') as typeof import('./serve-command')).serveCommand,
  },
};

export const MAIN_HELP = `Usage: ztna-harness COMMAND [options]

Policy-as-code test harness for zero-trust client-certificate authentication
(FortiClient EMS as ZTNA CA, FortiGate access proxy).

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run "ztna-harness COMMAND --help" for a command's options.
Exit status: 0 success, 1 a scenario failed or a gate was not met, 2 bad input or configuration,
70 an internal error (a bug; ZTNA_HARNESS_DEBUG=1 shows its stack).
`;

/** Entry point of the ztna-harness command; returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  endQuietlyOnClosedOutput();
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(MAIN_HELP);
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${PACKAGE.name} ${PACKAGE.version}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`ztna-harness: unknown command "${name}"\n${MAIN_HELP}`);
    return EXIT.badInput;
  }
  try {
    return await command.load()(rest);
  } catch (error) {
    return reportError(error);
  }
}
