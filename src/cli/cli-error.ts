import { printable } from '../compliance';
import { HarnessError } from '../errors';

/** Exit statuses every ztna-harness command shares. */
export const EXIT = { ok: 0, failed: 1, badInput: 2, internal: 70 } as const;

/**
 * Prints an error the way a user should see it: one line, `file:line:col:` first when known,
 * no stack trace (set ZTNA_HARNESS_DEBUG=1 for one). Returns the exit status.
 */
export function reportError(thrown: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  const error = userErrorIn(thrown) ?? thrown;
  if (error instanceof HarnessError && error.code !== 'BUG') {
    const where = error.where && !error.message.startsWith(`${error.where}`) ? `${error.where}: ` : '';
    stderr.write(`ztna-harness: ${shown(`${where}${error.message}`)}\n`);
    return EXIT.badInput;
  }
  stderr.write(`ztna-harness: internal error: ${shown((error as Error)?.message ?? String(error))}\n`);
  if (process.env.ZTNA_HARNESS_DEBUG) stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  else stderr.write('ztna-harness: this is a bug; rerun with ZTNA_HARNESS_DEBUG=1 for details\n');
  return EXIT.internal;
}

/**
 * The bad-input error behind `error`, if any: cucumber wraps what a formatter or hook throws
 * ("… errored when trying to handle a message event", with the original as `cause`), and the
 * user must see the original — an unknown @control: id at its feature file:line:col — not a bug.
 */
function userErrorIn(error: unknown): HarnessError | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (e instanceof HarnessError && e.code !== 'BUG') return e;
  }
  return undefined;
}

// A message quotes names and values from the user's files: their control characters are shown
// as escapes (line breaks of a message of several lines are kept).
const shown = (message: string): string => message.split('\n').map(printable).join('\n');
