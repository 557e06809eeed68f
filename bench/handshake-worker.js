'use strict';
// One thread of the handshake benchmark's client (plain JavaScript, so that a worker needs no
// ts-node): an undici Agent with one secure context, a new TLS connection per request
// (`Connection: close`, no session resumption), `concurrency` requests in flight. The parent
// sends {round: ms}; the worker answers with what the round did.
const { parentPort, workerData } = require('node:worker_threads');
const { checkServerIdentity, createSecureContext } = require('node:tls');
const { Agent, request } = require(workerData.undici);

// One secure context for every connection, as a long-running client keeps: otherwise Node
// parses the CA, certificate and private key PEM again for each connection (~4 ms with
// OpenSSL 3) and the client, not the server, sets the pace.
const secureContext = createSecureContext({
  ca: workerData.ca,
  cert: workerData.cert,
  key: workerData.key,
  maxVersion: workerData.maxVersion,
});
let connections = 0;
const agent = new Agent({
  connect: {
    secureContext,
    servername: 'localhost',
    checkServerIdentity: (_host, cert) => checkServerIdentity('localhost', cert),
    maxCachedSessions: 0,
    timeout: 10_000,
  },
  headersTimeout: 10_000,
  bodyTimeout: 10_000,
  connections: workerData.concurrency,
  pipelining: 1,
});
agent.on('connect', () => connections++);

async function round(ms) {
  const before = connections;
  const start = performance.now();
  let ok = 0;
  let failed = 0;
  let lastError;
  const loop = async () => {
    while (performance.now() - start < ms) {
      try {
        const response = await request(`${workerData.url}/`, {
          dispatcher: agent,
          headers: { host: workerData.host, connection: 'close', 'user-agent': 'ztna-harness-bench' },
        });
        await response.body.text();
        if (response.statusCode === 200 && response.headers['x-ztna-reason'] === 'ALLOW') ok++;
        else failed++;
      } catch (error) {
        failed++;
        lastError = String(error?.code ? error.code : error);
      }
    }
  };
  await Promise.all(Array.from({ length: workerData.concurrency }, loop));
  return { ok, failed, lastError, connections: connections - before, ms: performance.now() - start };
}

parentPort.on('message', async (message) => {
  if (message.round !== undefined) parentPort.postMessage(await round(message.round));
  if (message.close) {
    await agent.close();
    parentPort.close();
  }
});
