/** The exit status of a command whose output was closed: what a shell reports for SIGPIPE (128 + 13). */
const EXIT_CLOSED_OUTPUT = 141;

let installed = false;

/**
 * Ends the process quietly when the reader of its stdout or stderr goes away (`ztna-harness
 * audit … | head -1`): without a listener, the EPIPE of the next write is an uncaught error
 * with a stack trace. The status is not 0: output the command meant to give was lost, and a
 * pipeline under `set -o pipefail` must not take a cut-off `gate` for a compliant one.
 */
export function endQuietlyOnClosedOutput(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') process.exit(EXIT_CLOSED_OUTPUT);
      throw error;
    });
  }
}
