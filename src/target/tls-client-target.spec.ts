import assert from 'node:assert/strict';
import { createServer as createTcpServer, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { createServer as createTlsServer } from 'node:tls';
import { HarnessError } from '../errors';
import { proxyTlsOf } from '../export';
import { createLab, type Lab } from '../lab';
import { privateKeyPem } from '../pki';
import { type RunningProxy, startReferenceProxy } from '../server';
import { TlsClientTarget } from './tls-client-target';

const listen = (server: Server | ReturnType<typeof createTlsServer>) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );

describe('TLS client target', () => {
  let lab: Lab;
  let proxy: RunningProxy;
  let ca: string;
  before(async () => {
    lab = await createLab({ endpoints: [{ name: 'laptop-1' }, { name: 'laptop-2' }] });
    lab.ems.revokeClientCertificate(lab.endpoint('laptop-2').uid);
    const tls = await proxyTlsOf(lab);
    ca = tls.ca.pem;
    proxy = await startReferenceProxy({
      decide: (r) => lab.gateway().decide(r),
      cert: tls.server.certificate.pem,
      key: privateKeyPem(tls.server.key),
    });
  });
  after(async () => proxy.close());

  test('real TLS: allow, revoked, and no certificate each come back with their reason', async () => {
    const wire = new TlsClientTarget({ url: proxy.url, serverCa: ca, serverName: 'localhost' });
    const send = (name?: string) =>
      wire.send({
        endpoint: name,
        identity: name ? lab.endpoint(name).identity : undefined,
        url: 'https://intranet.example.com/x?y=1',
      });
    assert.deepEqual(
      [(await send('laptop-1')).reason, (await send('laptop-2')).reason, (await send()).reason],
      ['ALLOW', 'CERT_REVOKED', 'CERT_EMPTY'],
    );
    const revoked = await send('laptop-2');
    assert.deepEqual([revoked.verdict, revoked.httpStatus, revoked.fortiosCode], ['deny', 403, '063']);
    await wire.close();
  });

  const expectTargetError = async (wire: TlsClientTarget, pattern: RegExp) => {
    const started = Date.now();
    await assert.rejects(
      wire.send({ url: 'https://app.example.com/' }),
      (e: unknown) => e instanceof HarnessError && e.code === 'TARGET' && pattern.test(e.message),
    );
    await wire.close();
    return Date.now() - started;
  };

  test('a closed port is a clear target error', async () => {
    const server = createTcpServer();
    const port = await listen(server);
    await new Promise((r) => server.close(r));
    await expectTargetError(
      new TlsClientTarget({ url: `https://127.0.0.1:${port}`, serverCa: ca }),
      /connection refused/,
    );
  });

  test('a proxy whose server certificate is not trusted is a clear target error (verification stays on)', async () => {
    await expectTargetError(
      new TlsClientTarget({ url: proxy.url, serverName: 'localhost' }),
      /server certificate failed verification/,
    );
  });

  test('a proxy that accepts the connection and never answers fails within the timeout', async () => {
    const server = createTcpServer(() => undefined); // accepts, never speaks TLS
    const port = await listen(server);
    const took = await expectTargetError(
      new TlsClientTarget({ url: `https://127.0.0.1:${port}`, serverCa: ca, timeoutMs: 300 }),
      /did not answer within 300 ms/,
    );
    assert.ok(took < 5_000, `gave up after ${took} ms`);
    server.close();
  });

  test('an explicit insecure target reports TLS verification off', () => {
    assert.equal(new TlsClientTarget({ url: proxy.url, insecure: true }).info.tlsVerify, false);
    assert.equal(new TlsClientTarget({ url: proxy.url, serverCa: ca }).info.tlsVerify, true);
  });
});
