import { createServer } from 'node:net';

/**
 * A loopback port free at the moment of asking (listen on 0, read the port, close). Another
 * process may take it before the caller listens: callers that start a server of their own
 * should listen on 0 instead; this is for programs started with a port on their command line
 * (nginx, HAProxy, a child process).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}
