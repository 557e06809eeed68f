import { MAX_BYTES, readRegularFile } from '../input';
import { loadScenario } from '../lab';
import { loadTargetFile } from '../target';
import { parseCommandArgs } from './args';
import { EXIT, reportError } from './cli-error';

export const VALIDATE_HELP = `Usage: ztna-harness validate FILE...

Checks scenario files (YAML labs) against schemas/scenario.schema.json and their references
(endpoint, gateway and site names), and target files (those with a top-level "url:" or "identities:"
key) against schemas/target.schema.json, without running anything.

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
      process.stdout.write(`${file}: ${describe(file)}\n`);
    } catch (error) {
      status = Math.max(status, reportError(error));
    }
  }
  return status;
}

/** Validates one file as a target file or a scenario file and says what it holds. */
function describe(file: string): string {
  let text = '';
  try {
    // Only a regular file is peeked at (a FIFO would block, /dev/zero never end); the loaders
    // below refuse anything else with a clear message.
    text = readRegularFile(file, { what: 'YAML', maxBytes: MAX_BYTES.yaml }).toString('latin1');
  } catch {
    // the loaders below report an unreadable file with its reason
  }
  if (/^(identities|url):/m.test(text)) {
    const target = loadTargetFile(file);
    return `valid target (${target.identities} identities, ${target.url}${target.insecure ? ', TLS verification OFF' : ''})`;
  }
  const scenario = loadScenario(file);
  return `valid (${scenario.spec.endpoints?.length ?? 0} endpoints, ${scenario.checks.length} checks)`;
}
