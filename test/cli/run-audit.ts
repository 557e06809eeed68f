import { auditCommand } from '../../src/cli/audit-command';
import { reportError } from '../../src/cli/cli-error';

/** What one audit printed and returned. */
export interface AuditRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `ztna-harness audit` in this process with streams of its own. Swapping process.stdout,
 * as capture() does, would also swallow the test runner's report of earlier tests, which
 * shares that stream while a quick test runs.
 */
export async function runAudit(args: readonly string[]): Promise<AuditRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: { write: (chunk: string) => out.push(chunk) > 0 },
    stderr: { write: (chunk: string) => err.push(chunk) > 0 },
  };
  let status: number;
  try {
    status = await auditCommand([...args], io);
  } catch (error) {
    status = reportError(error, io.stderr as unknown as NodeJS.WritableStream);
  }
  return { status, stdout: out.join(''), stderr: err.join('') };
}
