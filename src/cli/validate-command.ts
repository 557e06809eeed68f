import { loadScenario } from '../lab';
import { parseCommandArgs } from './args';
import { EXIT, reportError } from './cli-error';

export const VALIDATE_HELP = `Usage: ztna-harness validate FILE...

Checks scenario files (YAML labs) against schemas/scenario.schema.json and their references
(endpoint, gateway and site names) without running anything.

Exit status: 0 all valid, 2 a file is invalid (the message names file:line:column).
`;

/** `ztna-harness validate FILE…` */
export async function validateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', argv, {});
  if (values.help) {
    process.stdout.write(VALIDATE_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) {
    process.stderr.write(`ztna-harness: validate needs at least one file\n${VALIDATE_HELP}`);
    return EXIT.badInput;
  }
  let status: number = EXIT.ok;
  for (const file of positionals) {
    try {
      const scenario = loadScenario(file);
      process.stdout.write(`${file}: valid (${scenario.spec.endpoints?.length ?? 0} endpoints, ${scenario.checks.length} checks)\n`);
    } catch (error) {
      status = Math.max(status, reportError(error));
    }
  }
  return status;
}
