import assert from 'node:assert/strict';
import { test } from 'node:test';
import { programRuns, skipUnlessInstalled } from '../../test/required-program';
import { createLab, type LabSpec } from '../lab';
import { createTarget } from './create-target';
import { findHaproxy, findNginx } from './proxy-programs';

// Tags that are valid but dense in what a regex or a config parser could misread: an unescaped
// "." or "+" would let the look-alike device in; an unquoted HAProxy word would lose a backslash.
const HOSTILE = 'a.b+c@d-e_f';
const SPEC: LabSpec = {
  endpoints: [
    { name: 'exact', tags: [HOSTILE] },
    { name: 'lookalike', tags: ['aXbbc@d-e_f'] },
    { name: 'both', tags: [HOSTILE, 'HR'] },
  ],
  gateways: [
    {
      name: 'fgt',
      rules: [
        { name: 'hr-and-hostile', host: 'hr.example.com', tags: [HOSTILE, 'HR'], tagsMatch: 'and', action: 'accept' },
        { name: 'not-hostile', host: 'wiki.example.com', tags: [HOSTILE], negate: true, action: 'accept' },
        { name: 'hostile', host: 'a.example.com', tags: [HOSTILE], action: 'accept' },
        { name: 'deny-hostile-admin', host: 'a.example.com', path: '/a.b', tags: [HOSTILE], action: 'deny' },
        { name: 'rest', action: 'deny' },
      ],
    },
  ],
};
const PROBES = ['https://a.example.com/', 'https://hr.example.com/', 'https://wiki.example.com/'];

for (const proxy of [
  { kind: 'nginx', found: () => findNginx() !== undefined, install: 'apt-get install nginx-light' },
  { kind: 'haproxy', found: () => findHaproxy() !== undefined, install: 'apt-get install haproxy' },
]) {
  test(`proxy-target/${proxy.kind}: a real ${proxy.kind} decides hostile-but-valid tags as the engine does`, {
    skip: skipUnlessInstalled(proxy.found() && programRuns(proxy.kind), proxy.kind, proxy.install),
    timeout: 120_000,
  }, async () => {
    const lab = await createLab({ ...SPEC, clockStart: Date.now() });
    const engine = await createTarget('in-process', lab);
    const real = await createTarget(proxy.kind, lab);
    try {
      const seen = new Set<string>();
      for (const endpoint of SPEC.endpoints!) {
        for (const url of PROBES) {
          const probe = { endpoint: endpoint.name, identity: lab.endpoint(endpoint.name).identity, url };
          const [want, got] = [await engine.send(probe), await real.send(probe)];
          const view = (o: typeof want) => ({
            verdict: o.verdict,
            reason: o.reason,
            fortiosCode: o.fortiosCode,
            detail: o.detail,
            rule: o.evidence.rule,
          });
          assert.deepEqual(view(got), view(want), `${endpoint.name} → ${url}`);
          seen.add(`${want.reason}/${want.evidence.rule}`);
        }
      }
      // The lab exercises allow and deny through tagged, negated and untagged rules.
      assert.ok(
        ['ALLOW/hostile', 'ALLOW/hr-and-hostile', 'ALLOW/not-hostile', 'POLICY_DENY/rest'].every((s) => seen.has(s)),
        [...seen].join(', '),
      );
    } finally {
      await real.close();
      lab.close();
    }
  });
}
