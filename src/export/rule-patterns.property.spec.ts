import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, evaluateRules, type ProxyRule } from '../gateway';
import type { EnforcementModel } from './enforcement-model';
import { haproxyConfig, haproxyRecords } from './haproxy-config';
import { nginxConfig, nginxRecords } from './nginx-config';

// Random valid tags — dense in the characters a regex or a config parser could misread (. + @ - _)
// — through the rule maps and records the exports really write, read back the way each proxy
// reads them, must pick the same rule and reason as the engine.

const tagChar = fc.constantFrom(...'aA0._+@-'.split(''));
const tag = fc.array(tagChar, { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
const HOSTS = [undefined, '*', 'a.example.com', '*.example.com', 'a+b.example.com'];
const PATHS = [undefined, '/', '/admin', '/a.b', '/x+y'];
const PROBES: [string, string][] = [
  ['a.example.com', '/'],
  ['a.example.com', '/admin/x'],
  ['axexample.com', '/'],
  ['c.a.example.com', '/a.b'],
  ['c.a.example.com', '/aXb'],
  ['a+b.example.com', '/x+y'],
  ['aab.example.com', '/xxy'],
];

const rules = (pool: string[]) =>
  fc
    .array(
      fc.record({
        host: fc.constantFrom(...HOSTS),
        path: fc.constantFrom(...PATHS),
        tags: fc.subarray(pool, { maxLength: Math.min(3, pool.length) }),
        tagsMatch: fc.constantFrom('or' as const, 'and' as const),
        negate: fc.boolean(),
        action: fc.constantFrom('accept' as const, 'deny' as const),
      }),
      { minLength: 1, maxLength: 5 },
    )
    .map((rs) => rs.map((r, i): ProxyRule => ({ ...r, name: `r${i}` })));

const UID = '9A016B5A6E914B42AD4168C066EB04CA';
const SN = 'AB'.repeat(20);

function modelOf(rulesList: ProxyRule[], deviceTags: string[]): EnforcementModel {
  const record = {
    uid: UID,
    certSn: SN,
    online: true,
    tags: deviceTags,
  } as unknown as EnforcementModel['records'][number];
  return {
    gateway: 'fgt',
    settings: DEFAULT_SETTINGS,
    rules: rulesList,
    roots: [],
    revokedRoots: [],
    records: [record],
    recordsStale: false,
    now: 0,
  } as unknown as EnforcementModel;
}

/** nginx: the `$ztna_rule` and `$ztna_destination` maps (regex entries in order) over `$ztna_tags|$host$request_uri`. */
function nginxDecides(model: EnforcementModel, host: string, path: string) {
  const conf = nginxConfig(model, { port: 8443, dir: '/x', generation: 1 });
  const unquote = (s: string) => s.slice(1, -1).replace(/\\(["\\])/g, '$1');
  const entries = (variable: string) => {
    const block = conf.slice(conf.indexOf(`${variable} {`)).split('\n    }')[0]!;
    return [...block.matchAll(/^\s+("(?:[^"\\]|\\.)*") ("(?:[^"\\]|\\.)*"|\S+);$/gm)].map(
      (m) => [new RegExp(unquote(m[1]!).slice(1)), m[2]!.replace(/^"|"$/g, '')] as const,
    );
  };
  const tags = /^"[^"]*" "[^:]*:[^:]*:(.*)";$/.exec(nginxRecords(model).trim())![1]!;
  const rule = entries('$ztna_rule').find(([re]) => re.test(`${tags}|${host}${path}`))?.[1];
  const destination = entries('$ztna_destination').some(([re]) => re.test(`${host}${path}`));
  return outcomeOf(rule, destination);
}

/** HAProxy: `acl ruleN`/`destN` regexes (single-quoted words) over `txn.subject` and `txn.hostpath`. */
function haproxyDecides(model: EnforcementModel, host: string, path: string) {
  const cfg = haproxyConfig(model, { port: 8443, dir: '/x' });
  const acls = (kind: string) =>
    [...cfg.matchAll(new RegExp(`^    acl ${kind}\\d+ var\\(txn\\.\\w+\\) -m reg '([^']*)'$`, 'gm'))].map(
      (m) => new RegExp(m[1]!.replace(/\\x27/g, "'")),
    );
  const outcomes = [...cfg.matchAll(/set-var\(txn\.rule\) str\(([^)]*)\)/g)].map((m) => m[1]!);
  const tags = haproxyRecords(model).trim().split(' ')[1]!.split(':')[2]!;
  const index = acls('rule').findIndex((re) => re.test(`${tags}|${host}${path}`));
  return outcomeOf(
    index < 0 ? undefined : outcomes[index],
    acls('dest').some((re) => re.test(`${host}${path}`)),
  );
}

function outcomeOf(rule: string | undefined, destination: boolean) {
  if (!rule) return { reason: destination ? 'TAGS_NO_MATCH' : 'NO_POLICY_MATCH', rule: undefined };
  const [action, tagged, name] = rule.split('/');
  return { reason: action === 'accept' ? 'ALLOW' : tagged === 't' ? 'TAGS_DENY' : 'POLICY_DENY', rule: name };
}

test('property/tags: the nginx and HAProxy rule maps decide random valid tags as the engine does', () => {
  const scenario = fc
    .uniqueArray(tag, { minLength: 1, maxLength: 6 })
    .chain((pool) => fc.record({ rules: rules(pool), device: fc.subarray(pool), probe: fc.constantFrom(...PROBES) }));
  let compared = 0;
  fc.assert(
    fc.property(scenario, ({ rules: rs, device, probe: [host, path] }) => {
      const engine = evaluateRules(rs, host, path, new Set(device));
      const expected = { reason: engine.reason, rule: engine.rule?.name };
      const model = modelOf(rs, device);
      assert.deepEqual(nginxDecides(model, host, path), expected, 'nginx');
      assert.deepEqual(haproxyDecides(model, host, path), expected, 'haproxy');
      compared++;
    }),
    { numRuns: 400, seed: 20_261_202 },
  );
  assert.equal(compared, 400);
});
