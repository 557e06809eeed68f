import assert from 'node:assert/strict';
import { test } from 'node:test';
import { programRuns, skipUnlessInstalled } from '../../test/required-program';
import { createLab } from '../lab';
import { createTarget } from './create-target';
import { FIXTURE_PROBES, objectsLab } from './objects-lab.fixture';
import { findHaproxy, findNginx } from './proxy-programs';
import type { Observation, Probe } from './target';

// One lab of FortiOS objects, every probe on the engine and on a backend: each must decide alike
// (verdict, reason, FortiOS code, detail, rule, API gateway), or say why it cannot be asked.

const BACKENDS = [
  { kind: 'wire', found: () => true, install: '' },
  {
    kind: 'nginx',
    found: () => findNginx() !== undefined && programRuns('nginx'),
    install: 'apt-get install nginx-light',
  },
  {
    kind: 'haproxy',
    found: () => findHaproxy() !== undefined && programRuns('haproxy'),
    install: 'apt-get install haproxy',
  },
];

const view = (o: Observation) => ({
  verdict: o.verdict,
  reason: o.reason,
  fortiosCode: o.fortiosCode,
  detail: o.detail,
  rule: o.evidence.rule,
  apiGateway: o.evidence.apiGateway,
});

for (const backend of BACKENDS) {
  for (const version of [
    { major: 7, minor: 4 },
    { major: 7, minor: 2 },
    { major: 7, minor: 6 },
  ]) {
    test(`backends-agree/${backend.kind}/${version.major}.${version.minor}: FortiOS objects decide as in-process`, {
      skip: skipUnlessInstalled(backend.found(), backend.kind, backend.install),
      timeout: 120_000,
    }, async () => {
      const lab = await createLab({ ...objectsLab(version), clockStart: Date.now() });
      const engine = await createTarget('in-process', lab);
      const real = await createTarget(backend.kind, lab);
      try {
        const skipped: string[] = [];
        const reasons = new Set<string>();
        for (const p of FIXTURE_PROBES) {
          const probe: Probe = { ...p, identity: p.endpoint ? lab.endpoint(p.endpoint).identity : undefined };
          const label = `${p.endpoint ?? 'no certificate'}${p.user ? ` as ${p.user}` : ''} from ${p.sourceAddress ?? 'default'} → ${p.url}`;
          const inapplicable = real.check?.(probe);
          if (inapplicable) {
            skipped.push(`${label}: ${inapplicable.notApplicable}`);
            continue;
          }
          const want = view(await engine.send(probe));
          assert.deepEqual(view(await real.send(probe)), want, label);
          reasons.add(want.reason!);
          if (version.minor < 4) assert.equal(want.fortiosCode, undefined, 'no block-page codes before 7.4.1');
        }
        // Off-loopback addresses everywhere; on the exports also a user the lab does not declare.
        assert.equal(skipped.length, backend.kind === 'wire' ? 1 : 2, skipped.join('\n'));
        assert.ok(
          skipped.some((s) => s.includes('cannot send from 10.0.3.25 over loopback')),
          skipped.join('\n'),
        );
        if (backend.kind !== 'wire')
          assert.ok(
            skipped.some((s) => s.includes('"mallory" is not one')),
            skipped.join('\n'),
          );
        for (const reason of [
          'ALLOW',
          'AUTH_REQUIRED',
          'TAGS_NO_MATCH',
          'APP_NOT_FOUND',
          'REAL_SERVER_NOT_FOUND',
          // 7.6: files.example.com asks for no certificate, so no device meets its tagged deny rule.
          ...(version.minor === 6 ? [] : ['TAGS_DENY']),
        ])
          assert.ok(reasons.has(reason), `${reason} compared: ${[...reasons].join(', ')}`);
        // 7.6: a virtual host's own empty-cert-action block is met by a client without a certificate.
        assert.equal(reasons.has('CERT_EMPTY'), version.minor === 6, [...reasons].join(', '));
      } finally {
        await real.close();
        lab.close();
      }
    });
  }
}
