/** fetchFortigateConfig against a fake FortiGate REST API over real HTTPS on loopback. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  type FakeFortigate,
  type FakeOptions,
  GOOD_TOKEN,
  READ_ONLY_TOKEN,
  startFakeFortigate,
} from '../../test/fixtures/fortios/fake-fortigate-api';
import { HarnessError } from '../errors';
import { type FetchFortigateOptions, fetchFortigateConfig } from './fetch-config';
import { mapFortiosConfig } from './map-config';
import { parseFortiosConfig } from './parse-config';

const CONFIG = readFileSync('scenarios/fortios/https-access-proxy.conf', 'utf8');

/** Fails unless the call rejects with one bad-input error matching `pattern` that never shows a token. */
async function rejectsClearly(call: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof HarnessError, String(e));
    assert.equal(e.code, 'BAD_INPUT');
    assert.match(e.message, pattern);
    for (const token of [GOOD_TOKEN, READ_ONLY_TOKEN, 'wrong-token-5e4d3c2b1a'])
      assert.ok(!`${e.message}\n${e.stack}`.includes(token), 'the token never appears');
    return true;
  });
}

describe('fetchFortigateConfig', () => {
  const fakes: FakeFortigate[] = [];
  const start = async (options: Partial<FakeOptions> = {}) => {
    const fake = await startFakeFortigate({ config: CONFIG, vdoms: ['root', 'ztna'], ...options });
    fakes.push(fake);
    return fake;
  };
  let fgt: FakeFortigate;
  before(async () => (fgt = await start()));
  after(async () => Promise.all(fakes.map((f) => f.close())));
  const opts = (extra: Partial<FetchFortigateOptions> = {}): FetchFortigateOptions => ({
    token: GOOD_TOKEN,
    ca: fgt.ca,
    ...extra,
  });

  test('fetch/global-backup-with-get', async () => {
    const got = await fetchFortigateConfig(fgt.url, opts());
    assert.equal(got.text, CONFIG);
    assert.deepEqual([got.method, got.insecure, got.bytes], ['GET', false, Buffer.byteLength(CONFIG)]);
    const last = fgt.requests.at(-1)!;
    assert.deepEqual(
      [last.method, last.path, last.authorization],
      ['GET', '/api/v2/monitor/system/config/backup?scope=global', `Bearer ${GOOD_TOKEN}`],
    );
    assert.ok(!got.url.includes(GOOD_TOKEN), 'the token is not in the URL');
    assert.equal(
      mapFortiosConfig(parseFortiosConfig(got.text, got.url)).model.accessProxies[0]!.name,
      'ZTNA-webserver',
    );
  });

  test('fetch/vdom-scope', async () => {
    await fetchFortigateConfig(fgt.url, opts({ vdom: 'ztna' }));
    assert.equal(fgt.requests.at(-1)!.path, '/api/v2/monitor/system/config/backup?scope=vdom&vdom=ztna');
  });

  test('fetch/7.6-asks-with-post', async () => {
    const got = await fetchFortigateConfig(fgt.url, opts({ fortiosVersion: { major: 7, minor: 6, patch: 1 } }));
    assert.equal(got.method, 'POST');
    assert.deepEqual(JSON.parse(fgt.requests.at(-1)!.body), { scope: 'global' });
  });

  test('fetch/unknown-version-retries-405-with-post', async () => {
    const post = await start({ postOnly: true });
    const got = await fetchFortigateConfig(post.url, { token: GOOD_TOKEN, ca: post.ca });
    assert.deepEqual([got.method, post.requests.map((r) => r.method)], ['POST', ['GET', 'POST']]);
  });

  test('fetch/deny/wrong-token-401', () =>
    rejectsClearly(
      fetchFortigateConfig(fgt.url, opts({ token: 'wrong-token-5e4d3c2b1a' })),
      /refused the API token \(HTTP 401\): check FORTIGATE_API_TOKEN/,
    ));
  test('fetch/deny/no-right-403', () =>
    rejectsClearly(fetchFortigateConfig(fgt.url, opts({ token: READ_ONLY_TOKEN })), /HTTP 403/));
  test('fetch/deny/unknown-vdom-404', () =>
    rejectsClearly(
      fetchFortigateConfig(fgt.url, opts({ vdom: 'nope' })),
      /no configuration backup .* for VDOM "nope" \(HTTP 404\)/,
    ));
  test('fetch/deny/no-token', () =>
    rejectsClearly(fetchFortigateConfig(fgt.url, opts({ token: '' })), /set FORTIGATE_API_TOKEN/));
  test('fetch/tls/untrusted-certificate', () =>
    rejectsClearly(
      fetchFortigateConfig(fgt.url, { token: GOOD_TOKEN }),
      /certificate that failed verification \(\w+\): give its CA with --ca/,
    ));

  test('fetch/tls/insecure-only-when-asked-and-reported', async () => {
    const got = await fetchFortigateConfig(fgt.url, { token: GOOD_TOKEN, insecure: true });
    assert.deepEqual([got.insecure, got.text === CONFIG], [true, true]);
  });

  test('fetch/bound/silent-fortigate', async () => {
    const silent = await start({ silent: true });
    const started = Date.now();
    await rejectsClearly(
      fetchFortigateConfig(silent.url, { token: GOOD_TOKEN, ca: silent.ca, responseTimeoutMs: 300 }),
      /did not send its configuration within 300 ms/,
    );
    assert.ok(Date.now() - started < 5_000);
  });

  test('fetch/bound/connect-never-completes', async () => {
    const tcp = createServer(() => undefined); // accepts, never speaks TLS
    const port = await new Promise<number>((resolve) =>
      tcp.listen(0, '127.0.0.1', () => resolve((tcp.address() as { port: number }).port)),
    );
    const started = Date.now();
    await rejectsClearly(
      fetchFortigateConfig(`https://127.0.0.1:${port}`, {
        token: GOOD_TOKEN,
        connectTimeoutMs: 300,
        responseTimeoutMs: 5_000,
      }),
      /did not accept a connection within 300 ms/,
    );
    assert.ok(Date.now() - started < 5_000);
    tcp.close();
  });

  test('fetch/bound/too-large', async () => {
    const flood = await start({ floodBytes: 2_000_000 });
    await rejectsClearly(
      fetchFortigateConfig(flood.url, { token: GOOD_TOKEN, ca: flood.ca, maxBytes: 1_000_000 }),
      /more than 1000000 bytes/,
    );
  });

  test('fetch/refused-port', async () => {
    const tcp = createServer();
    const port = await new Promise<number>((resolve) =>
      tcp.listen(0, '127.0.0.1', () => resolve((tcp.address() as { port: number }).port)),
    );
    await new Promise((r) => tcp.close(r));
    await rejectsClearly(
      fetchFortigateConfig(`https://127.0.0.1:${port}`, { token: GOOD_TOKEN }),
      /refused the connection/,
    );
  });

  for (const [name, url, pattern] of [
    ['fetch/url/http', 'http://127.0.0.1:8443', /over HTTPS only/],
    ['fetch/url/path', 'https://fgt.example.com/api/v2', /HOST\[:PORT\] only/],
    ['fetch/url/credentials', 'https://admin:pw@fgt.example.com', /HOST\[:PORT\] only/],
    ['fetch/url/not-a-url', 'fgt.example.com', /is not a URL/],
  ] as const) {
    test(name, () => rejectsClearly(fetchFortigateConfig(url, { token: GOOD_TOKEN }), pattern));
  }
});
