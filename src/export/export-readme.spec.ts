/** The export README's example request goes to a destination of the exported lab. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProxyRule } from '../gateway';
import type { EnforcementModel } from './enforcement-model';
import { exampleDestination, exportReadme } from './export-readme';

const CASES: readonly { name: string; rules: ProxyRule[]; host: string; path: string }[] = [
  {
    name: 'readme/first-accept-rule-host',
    rules: [
      { name: 'hr', host: 'hr.corp.test', path: '/payroll', action: 'accept' },
      { name: 'web', host: 'web.corp.test', action: 'accept' },
    ],
    host: 'hr.corp.test',
    path: '/payroll',
  },
  {
    name: 'readme/deny-rules-skipped',
    rules: [
      { name: 'block', host: 'old.corp.test', action: 'deny' },
      { name: 'web', host: 'Web.Corp.Test', action: 'accept' },
    ],
    host: 'web.corp.test',
    path: '/',
  },
  {
    name: 'readme/wildcard-host',
    rules: [{ name: 'any', host: '*.apps.test', action: 'accept' }],
    host: 'www.apps.test',
    path: '/',
  },
  {
    name: 'readme/only-deny-rules',
    rules: [{ name: 'block', host: 'old.corp.test', action: 'deny' }],
    host: 'old.corp.test',
    path: '/',
  },
  {
    name: 'readme/any-host',
    rules: [
      { name: 'all', host: '*', action: 'accept' },
      { name: 'none', action: 'accept' },
    ],
    host: 'localhost',
    path: '/',
  },
  { name: 'readme/no-rules', rules: [], host: 'localhost', path: '/' },
  {
    name: 'readme/shell-unsafe-host',
    rules: [{ name: 'odd', host: "a'b.test", path: '/$(id)', action: 'accept' }],
    host: 'localhost',
    path: '/',
  },
];

for (const { name, rules, host, path } of CASES) {
  test(name, () => {
    assert.deepEqual(exampleDestination(rules), { host, path });
    const model = {
      gateway: 'fgt-1',
      settings: { clientCert: true, emptyCertAction: 'block', userAgentDetect: true },
      rules,
      objects: { virtualHosts: [] },
      nginxPolicy: { server: 'ztna-server', routes: [], rules: [] },
    } as unknown as EnforcementModel;
    const readme = exportReadme(model, 18443);
    assert.ok(readme.includes(`-H 'Host: ${host}' -i https://localhost:18443${path}\n`), readme);
    if (host !== 'intranet.example.com')
      assert.ok(!readme.includes('intranet.example.com'), 'no host the lab does not have');
  });
}
