import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { createLab } from '../lab';
import { startAdminApi } from './admin-api';

test('the admin interface refuses calls without its token and acts with it', async () => {
  const lab = await createLab({ endpoints: [{ name: 'laptop-1' }] });
  let changes = 0;
  const admin = await startAdminApi({ lab, afterChange: async () => void changes++ });
  try {
    const post = (token: string | undefined, body: object) =>
      fetch(`${admin.url}/admin/revoke-client-certificate`, {
        method: 'POST',
        headers: token ? { authorization: `Bearer ${token}` } : {},
        body: JSON.stringify(body),
      });
    assert.equal((await post(undefined, { endpoint: 'laptop-1' })).status, 401);
    assert.equal((await post('wrong', { endpoint: 'laptop-1' })).status, 401);
    assert.equal((await post(`${admin.token}x`, { endpoint: 'laptop-1' })).status, 401);
    assert.equal(
      lab.ems.isRevoked(lab.endpoint('laptop-1').identity!.certificate.serial),
      false,
      'nothing happened without the token',
    );
    assert.equal((await post(admin.token, { endpoint: 'nobody' })).status, 400);
    const ok = await post(admin.token, { endpoint: 'laptop-1' });
    assert.equal(ok.status, 200);
    assert.equal(lab.ems.isRevoked(lab.endpoint('laptop-1').identity!.certificate.serial), true);
    assert.equal(changes, 1);
    assert.match(admin.token, /^[0-9a-f]{48}$/);
  } finally {
    await admin.close();
  }
});

test('the admin interface listens on loopback only', async () => {
  const lab = await createLab();
  const admin = await startAdminApi({ lab, token: 'fixed-token-of-22-chars' });
  try {
    // Bound to 127.0.0.1, not to any interface: nothing off this machine can reach it.
    assert.equal((admin.server.address() as { address: string }).address, '127.0.0.1');
    const ok = await fetch(`${admin.url}/admin/status`, {
      headers: { authorization: 'Bearer fixed-token-of-22-chars' },
    });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { gateways: { name: string }[] }).gateways[0]!.name, 'fgt-1');
  } finally {
    await admin.close();
  }
});

const TOKEN = 'a-test-token-of-32-characters-xx';
const call = (url: string, path: string, body?: unknown) =>
  fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${TOKEN}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

test('admin/empty-or-short-token-is-refused-at-start', async () => {
  const lab = await createLab();
  for (const token of ['', 'short', 'x'.repeat(15)]) {
    await assert.rejects(
      startAdminApi({ lab, token }),
      (error: Error) => /has \d+ characters; at least 16 are needed/.test(error.message),
      JSON.stringify(token),
    );
  }
});

test('admin/prototype-names-are-no-actions', async () => {
  const lab = await createLab();
  const admin = await startAdminApi({ lab, token: TOKEN });
  try {
    // Object.prototype's only member that the route's [a-z-]+ can name.
    const response = await call(admin.url, '/admin/constructor', {});
    assert.equal(response.status, 404);
    assert.match(((await response.json()) as { error: string }).error, /^no such action/);
  } finally {
    await admin.close();
  }
});

const CLOCK_CASES: [string, unknown, number][] = [
  ['advance-seconds/not-a-number', 'abc', 400],
  ['advance-seconds/numeric-string', '60', 400],
  ['advance-seconds/huge', 1e308, 400],
  ['advance-seconds/negative', -5, 400],
  ['advance-seconds/missing', undefined, 400],
  ['advance-seconds/one-minute', 60, 200],
  // The name clients used before the admin API and YAML `before:` shared one table.
  ['advance-clock/one-minute', 60, 200],
];
for (const [name, seconds, status] of CLOCK_CASES) {
  test(`admin/${name}`, async () => {
    const lab = await createLab();
    const admin = await startAdminApi({ lab, token: TOKEN });
    try {
      const before = lab.clock.now();
      const route = name.split('/')[0]!;
      const response = await call(admin.url, `/admin/${route}`, { seconds });
      assert.equal(response.status, status);
      const body = (await response.json()) as { error?: string; action?: string; renamed?: string };
      if (status === 400) assert.match(body.error!, /^the body needs "seconds": a number from 0 to 315360000, not /);
      if (status === 200) assert.equal(body.action, 'advance-seconds');
      if (status === 200)
        assert.equal(body.renamed, route === 'advance-clock' ? '"advance-clock" is now "advance-seconds"' : undefined);
      assert.equal(lab.clock.now() - before, status === 200 ? 60_000 : 0);
    } finally {
      await admin.close();
    }
  });
}

test('admin/a-slow-partial-request-is-cut-off', { timeout: 10_000 }, async () => {
  const lab = await createLab();
  const admin = await startAdminApi({ lab, token: TOKEN, timeouts: { headersMs: 300, requestMs: 600 } });
  try {
    const started = Date.now();
    const socket = connect(Number(new URL(admin.url).port), '127.0.0.1');
    socket.write('GET /admin/status HTTP/1.1\r\nHost: x\r\n'); // and never the blank line
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    await new Promise((resolve) => socket.on('close', resolve));
    assert.match(answer, /^HTTP\/1\.1 408/);
    assert.ok(Date.now() - started < 5_000, `closed after ${Date.now() - started} ms`);
  } finally {
    await admin.close();
  }
});
