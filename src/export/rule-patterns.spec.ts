import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CompiledApiGateway, hostMatcher, type UrlMapType, urlMapMatcher } from '../gateway';
import { rangeToCidrs } from './address-sets';
import { routePattern, urlMapRegexProblem } from './rule-patterns';

// The generated proxy configs route by these regexes; they must agree with the engine's matchers.
const route = (host: string | undefined, hostType: 'sub-string' | 'wildcard', urlMap: string, urlMapType: UrlMapType) =>
  ({
    apiGateway: { id: 1, urlMap, urlMapType, service: 'https', realServers: [] },
    ...(host === undefined ? {} : { virtualHost: { name: 'v', host, hostType } }),
    hostMatches: host === undefined ? () => true : hostMatcher(host, hostType),
    pathMatches: urlMapMatcher(urlMap, urlMapType),
    hasActiveServer: true,
  }) as CompiledApiGateway;

const ROUTES = [
  route('web.example.com', 'sub-string', '/', 'sub-string'),
  route('*.Example.com', 'wildcard', '/api/*', 'wildcard'),
  route('w?b.example.com', 'wildcard', '/a.b', 'sub-string'),
  route(undefined, 'sub-string', '^/(admin|ops)/', 'regex'),
  route('example', 'sub-string', '\\.php$', 'regex'),
];
const PLACES = [
  ['web.example.com', '/'],
  ['myweb.example.com.evil', '/x'],
  ['api.example.com', '/API/v1'],
  ['example.com', '/api/x'],
  ['wxb.example.com', '/a.b'],
  ['wxb.example.com', '/aXb'],
  ['other.test', '/admin/x'],
  ['other.test', '/x/admin/'],
  ['example.org', '/index.php'],
  ['example.org', '/index.php?x'],
];

test('route regexes map a host and path as the engine does', () => {
  let compared = 0;
  for (const r of ROUTES) {
    for (const [host, path] of PLACES) {
      const engine = r.hostMatches(host!) && r.pathMatches(path!);
      assert.equal(new RegExp(routePattern(r)).test(`${host}${path}`), engine, `${routePattern(r)} ~ ${host}${path}`);
      compared++;
    }
  }
  assert.equal(compared, 50);
});

for (const [regex, problem] of [
  ['^/api/(v1|v2)/', undefined],
  ['\\.(php|asp)$', undefined],
  ['[^/]+/admin', undefined],
  ['(?<=api)/x', 'a lookbehind'],
  ['(a)\\1', 'a back-reference or JavaScript-only escape'],
  ['/a^b', 'a "^" that is not at its start'],
  ['/a$|/b', 'a "$" that is not at its end'],
  ['(?i)admin', 'a group flag'],
] as const) {
  test(`url-map-regex/${regex}`, () => assert.equal(urlMapRegexProblem(regex), problem));
}

test('address ranges become the fewest CIDR blocks covering exactly them', () => {
  assert.deepEqual(rangeToCidrs(0x0a000301, 0x0a000363), [
    '10.0.3.1/32',
    '10.0.3.2/31',
    '10.0.3.4/30',
    '10.0.3.8/29',
    '10.0.3.16/28',
    '10.0.3.32/27',
    '10.0.3.64/27',
    '10.0.3.96/30',
  ]);
  assert.deepEqual(rangeToCidrs(0, 0xffffffff), ['0.0.0.0/0']);
  assert.deepEqual(rangeToCidrs(5, 4), []);
});
