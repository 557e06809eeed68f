import { PACKAGE } from '../package-root';
import { EXIT, reportError } from './cli-error';
import { runCommand } from './run-command';
import { validateCommand } from './validate-command';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Command }> = {
  run: { summary: 'run features and YAML checks, write the compliance reports', load: () => runCommand },
  validate: { summary: 'check scenario files against their schema', load: () => validateCommand },
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
