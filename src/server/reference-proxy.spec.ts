import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { after, before, describe, test } from 'node:test';
import { proxyTlsOf } from '../export';
import { type AccessRequest, decisionOf } from '../gateway';
import { createLab, type Lab } from '../lab';
import { privateKeyPem } from '../pki';
import { type RunningProxy, startReferenceProxy } from './reference-proxy';
import { REQUEST_TIMEOUTS } from './request-timeouts';

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A lab with laptop-1 allowed and laptop-2 revoked, behind a reference proxy on a free port. */
async function labBehindProxy(): Promise<{ lab: Lab; proxy: RunningProxy; ca: string }> {
  const lab = await createLab({ endpoints: [{ name: 'laptop-1' }, { name: 'laptop-2' }] });
  lab.ems.revokeClientCertificate(lab.endpoint('laptop-2').uid);
  const { ca, server } = await proxyTlsOf(lab);
  const proxy = await startReferenceProxy({
    decide: (r) => lab.gateway().decide(r),
    cert: server.certificate.pem,
    key: privateKeyPem(server.key),
  });
  return { lab, proxy, ca: ca.pem };
}

describe('reference proxy', () => {
  let lab: Lab;
  let proxy: RunningProxy;
  let ca: string;
  before(async () => {
    ({ lab, proxy, ca } = await labBehindProxy());
  });
  after(async () => {
    await proxy.close();
    lab.close();
  });

  /** One request on a new TLS connection (no agent: a handshake each), as `endpoint` or without a certificate. */
  const send = (endpoint?: string) =>
    new Promise<Answer>((resolve, reject) => {
      const identity = endpoint ? lab.endpoint(endpoint).identity : undefined;
      const url = new URL(proxy.url);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/x',
          ca,
          servername: 'localhost',
          agent: false,
          headers: { host: 'intranet.example.com', connection: 'close' },
          ...(identity ? { cert: identity.certificate.pem, key: privateKeyPem(identity.key) } : {}),
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });

  const cases = [
    { name: 'allow/laptop-1', endpoint: 'laptop-1', status: 200, reason: 'ALLOW', fortiosCode: null },
    { name: 'deny/revoked-cert', endpoint: 'laptop-2', status: 403, reason: 'CERT_REVOKED', fortiosCode: '063' },
    { name: 'deny/no-cert', endpoint: undefined, status: 403, reason: 'CERT_EMPTY', fortiosCode: '002' },
  ] as const;

  for (const c of cases) {
    test(`${c.name}: the decision in headers and a JSON body of known length`, async () => {
      const answer = await send(c.endpoint);
      assert.equal(answer.status, c.status);
      assert.equal(answer.headers['x-ztna-reason'], c.reason);
      assert.equal(answer.headers['x-ztna-fortios-code'], c.fortiosCode ?? undefined);
      assert.equal(answer.headers['content-type'], 'application/json');
      assert.equal(answer.headers['cache-control'], 'no-store');
      assert.equal(answer.headers['content-length'], String(Buffer.byteLength(answer.body)));
      assert.equal(answer.headers['transfer-encoding'], undefined);
      const body = JSON.parse(answer.body);
      assert.deepEqual(Object.keys(body), ['verdict', 'reason', 'fortiosCode', 'detail', 'rule']);
      assert.deepEqual(
        [body.verdict, body.reason, body.fortiosCode],
        [c.status === 200 ? 'allow' : 'deny', c.reason, c.fortiosCode],
      );
      assert.equal(body.detail ?? undefined, answer.headers['x-ztna-detail']);
      assert.equal(body.rule ?? undefined, answer.headers['x-ztna-rule']);
    });
  }

  test('cache/per-certificate: alternating certificates each get their own decision', async () => {
    const reasons = [];
    for (const endpoint of ['laptop-1', 'laptop-2', 'laptop-1', 'laptop-2', undefined, 'laptop-1'])
      reasons.push((await send(endpoint)).headers['x-ztna-reason']);
    assert.deepEqual(reasons, ['ALLOW', 'CERT_REVOKED', 'ALLOW', 'CERT_REVOKED', 'CERT_EMPTY', 'ALLOW']);
  });

  test('timeouts/bounded: a slow partial request cannot hold a connection', () => {
    assert.equal(proxy.server.headersTimeout, REQUEST_TIMEOUTS.headersMs);
    assert.equal(proxy.server.requestTimeout, REQUEST_TIMEOUTS.requestMs);
  });
});

describe('reference proxy: who is asking', () => {
  let lab: Lab;
  let proxy: RunningProxy;
  let ca: string;
  const seen: AccessRequest[] = [];
  before(async () => {
    lab = await createLab({ endpoints: [] });
    const tls = await proxyTlsOf(lab);
    ca = tls.ca.pem;
    proxy = await startReferenceProxy({
      // A rule that names users: no user → the 401 challenge, a user → allowed.
      decide: (r) => {
        seen.push(r);
        const evidence = { gateway: 'fgt', at: new Date(0).toISOString(), rule: 'staff' };
        return decisionOf(r.user === undefined ? 'AUTH_REQUIRED' : 'ALLOW', evidence);
      },
      authenticate: (user, password) => user.length > 0 && password === 'right:secret',
      cert: tls.server.certificate.pem,
      key: privateKeyPem(tls.server.key),
    });
  });
  after(async () => {
    await proxy.close();
    lab.close();
  });

  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
  const ask = (headers: Record<string, string>, localAddress = '127.0.0.1') =>
    new Promise<Answer>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: proxy.port,
          path: '/x',
          ca,
          servername: 'localhost',
          agent: false,
          localAddress,
          headers: { connection: 'close', ...headers },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }));
        },
      );
      req.on('error', reject);
      req.end();
    });

  for (const c of [
    { name: 'user/basic-credentials', authorization: basic('alice:right:secret'), user: 'alice', status: 200 },
    { name: 'user/wrong-password', authorization: basic('alice:wrong'), user: undefined, status: 401 },
    { name: 'user/no-credentials', authorization: undefined, user: undefined, status: 401 },
    { name: 'user/not-basic', authorization: 'Bearer abc', user: undefined, status: 401 },
    { name: 'user/empty-name', authorization: basic(':right:secret'), user: undefined, status: 401 },
  ]) {
    test(c.name, async () => {
      seen.length = 0;
      const answer = await ask({
        host: 'web.example.com:9443',
        ...(c.authorization ? { authorization: c.authorization } : {}),
      });
      assert.equal(answer.status, c.status);
      assert.equal(seen[0]?.user, c.user);
      assert.equal(seen[0]?.port, 9443);
      assert.equal(seen[0]?.host, 'web.example.com');
      // The challenge comes with the 401 only.
      assert.equal(answer.headers['www-authenticate'], c.status === 401 ? 'Basic realm="ztna-harness"' : undefined);
      assert.equal(answer.headers['x-ztna-rule'], 'staff');
    });
  }

  test('source/socket-address: the decision sees the address the client sent from, and no port the URL did not name', async () => {
    seen.length = 0;
    await ask({ host: 'web.example.com' }, '127.0.2.7');
    assert.equal(seen[0]?.sourceAddress, '127.0.2.7');
    assert.equal(seen[0]?.port, undefined);
  });
});
