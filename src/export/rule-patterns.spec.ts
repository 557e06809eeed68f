import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateRules, type ProxyRule } from '../gateway';
import { rulePattern, tagSubject } from './rule-patterns';

// The generated proxy configs decide rules by these regexes; they must agree with the engine.
const RULES: ProxyRule[] = [
  { name: 'admin', host: 'intranet.example.com', path: '/admin', action: 'deny' },
  { name: 'contractors', host: 'intranet.example.com', tags: ['Contractors'], action: 'deny' },
  { name: 'hr-and', host: 'hr.example.com', tags: ['Domain-Users', 'HR'], tagsMatch: 'and', action: 'accept' },
  {
    name: 'not-quarantined',
    host: '*.corp.example.com',
    tags: ['Quarantine', 'Malware'],
    negate: true,
    action: 'accept',
  },
  {
    name: 'users',
    host: 'intranet.example.com',
    tags: ['Domain-Users', 'EMS_ALL_UNMANAGEABLE_CLIENTS'],
    action: 'accept',
  },
];

const firstByRegex = (tags: string[], host: string, path: string) =>
  RULES.find((r) => new RegExp(rulePattern(r)).test(`${tagSubject(tags)}|${host}${path}`))?.name;

test('rule regexes pick the same rule as the engine', () => {
  const tagSets = [
    [],
    ['Domain-Users'],
    ['Domain-Users', 'HR'],
    ['HR'],
    ['Contractors', 'Domain-Users'],
    ['Quarantine'],
    ['EMS_ALL_UNMANAGEABLE_CLIENTS'],
  ];
  const places = [
    ['intranet.example.com', '/'],
    ['intranet.example.com', '/admin/x'],
    ['hr.example.com', '/pay'],
    ['wiki.corp.example.com', '/'],
    ['corp.example.com', '/'],
    ['other.example.com', '/'],
  ];
  let compared = 0;
  for (const tags of tagSets) {
    for (const [host, path] of places) {
      const engine = evaluateRules(RULES, host!, path!, new Set(tags)).rule?.name;
      assert.equal(firstByRegex(tags, host!, path!), engine, `${tags.join('+') || 'no tags'} → ${host}${path}`);
      compared++;
    }
  }
  assert.equal(compared, 42);
});
