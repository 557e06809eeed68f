import assert from 'node:assert/strict';
import { createServer as createTcpServer, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { createServer as createTlsServer } from 'node:tls';
import { HarnessError } from '../errors';
import { proxyTlsOf } from '../export';
import { createLab, type Lab } from '../lab';
import { privateKeyPem } from '../pki';
import { type RunningProxy, startReferenceProxy } from '../server';
import { readResponse } from './response-reading';
import { OWN_PROXY_READING, TlsClientTarget } from './tls-client-target';

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

  test('check/source-and-user: only loopback sources; a user only where the proxy authenticates lab users', () => {
    const plain = new TlsClientTarget({ url: proxy.url, serverCa: ca });
    const authenticating = new TlsClientTarget({ url: proxy.url, serverCa: ca, passwordOf: () => 'x' });
    const url = 'https://app.example.com/';
    assert.equal(plain.check({ url, sourceAddress: '127.0.9.9' }), undefined);
    assert.deepEqual(plain.check({ url, sourceAddress: '10.0.3.25' }), {
      notApplicable: 'cannot send from 10.0.3.25 over loopback: wire targets send only from 127.0.0.0/8',
    });
    assert.match(plain.check({ url, user: 'alice' })?.notApplicable ?? '', /does not authenticate lab users/);
    assert.equal(authenticating.check({ url, user: 'alice' }), undefined);
  });
});

test('reading/code-from-reason: a reason without a code header gets the table code, except from the harness own proxies', () => {
  const headers = { 'x-ztna-reason': 'NO_POLICY_MATCH' };
  assert.equal(readResponse(403, headers, '').fortiosCode, '061');
  assert.equal(readResponse(403, headers, '', OWN_PROXY_READING).fortiosCode, undefined);
  assert.equal(
    readResponse(403, { ...headers, 'x-ztna-fortios-code': '061' }, '', OWN_PROXY_READING).fortiosCode,
    '061',
  );
});
