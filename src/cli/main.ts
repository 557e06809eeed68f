import { PACKAGE } from '../package-root';
import { EXIT, reportError } from './cli-error';
import { auditCommand } from './audit-command';
import { exportCommand } from './export-command';
import { gateCommand } from './gate-command';
import { reportCommand } from './report-command';
import { runCommand } from './run-command';
import { serveCommand } from './serve-command';
import { validateCommand } from './validate-command';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Command }> = {
  run: { summary: 'run features and YAML checks, write the compliance reports', load: () => runCommand },
  validate: { summary: 'check scenario files against their schema', load: () => validateCommand },
  gate: { summary: 'decide from a compliance report whether a change may land', load: () => (argv) => gateCommand(argv) },
  report: { summary: 'report merge: join sharded runs into one report', load: () => (argv) => reportCommand(argv) },
  audit: { summary: 'compare FortiGate diagnose output with an EMS export; report the findings', load: () => auditCommand },
  export: { summary: 'write what a real proxy (nginx, HAProxy) needs to enforce a lab', load: () => exportCommand },
  serve: { summary: 'run the reference access proxy (TLS) with its admin interface', load: () => serveCommand },
};

export const MAIN_HELP = `Usage: ztna-harness COMMAND [options]

Policy-as-code test harness for zero-trust client-certificate authentication
(FortiClient EMS as ZTNA CA, FortiGate access proxy).

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run "ztna-harness COMMAND --help" for a command's options.
Exit status: 0 success, 1 a scenario failed or a gate was not met, 2 bad input or configuration.
`;

/** Entry point of the ztna-harness command; returns the exit status. */
export async function main(argv: string[]): Promise<number> {
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
