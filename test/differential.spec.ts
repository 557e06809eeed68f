import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunModel } from '../src/compliance';
import { comparedShare, differential, renderDifferential } from './differential';

type Decision = { verdict: string; reason: string | null; fortiosCode?: string | null; detail?: string | null };
const scenario = (id: string, status: string, decisions: Decision[], message: string | null = null) => ({
  id,
  name: `scenario ${id}`,
  status,
  message,
  evidence: decisions.map((d) => ({ kind: 'decision', fortiosCode: null, detail: null, ...d })),
});
const model = (...scenarios: ReturnType<typeof scenario>[]) => ({ scenarios }) as unknown as RunModel;

const revoked: Decision = {
  verdict: 'deny',
  reason: 'CERT_REVOKED',
  fortiosCode: '063',
  detail: 'serial revoked on EMS and synced',
};
const untrusted: Decision = { verdict: 'deny', reason: 'CERT_INVALID', fortiosCode: '001', detail: 'untrusted-issuer' };
const allow: Decision = { verdict: 'allow', reason: 'ALLOW' };

test('differential/agree: alike backends, with the counts other tools read', () => {
  const d = differential([
    {
      backend: 'in-process',
      model: model(
        scenario('a:1', 'passed', [allow, revoked]),
        scenario('b:1', 'passed', [untrusted]),
        scenario('s:1', 'passed', []),
      ),
    },
    {
      backend: 'nginx',
      model: model(
        scenario('a:1', 'passed', [allow, revoked]),
        scenario('b:1', 'not_applicable', [], 'the nginx target cannot skew its clock'),
        scenario('s:1', 'passed', []),
      ),
    },
  ]);
  assert.deepEqual(
    {
      requestScenarios: d.requestScenarios,
      comparedOnAll: d.comparedOnAll,
      stateOnly: d.stateOnly,
      decisionsCompared: d.decisionsCompared,
      disagreements: d.disagreements.length,
    },
    { requestScenarios: 2, comparedOnAll: 1, stateOnly: 1, decisionsCompared: 2, disagreements: 0 },
  );
  assert.deepEqual(d.notApplicable, [
    { scenario: 'b:1', backend: 'nginx', reason: 'the nginx target cannot skew its clock' },
  ]);
  assert.equal(comparedShare(d), 0.5);
  assert.match(renderDifferential(d), /1 of 2 scenarios that send requests ran on every backend \(50\.0 %\)/);
  assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(d))), [
    'backends',
    'requestScenarios',
    'comparedOnAll',
    'stateOnly',
    'decisionsCompared',
    'notApplicable',
    'disagreements',
  ]);
});

for (const c of [
  { name: 'disagree/dropped-detail', other: [{ ...untrusted, detail: null }], what: 'request 1: detail', shown: '—' },
  {
    name: 'disagree/other-detail',
    other: [{ ...untrusted, detail: 'bad-signature' }],
    what: 'request 1: detail',
    shown: 'bad-signature',
  },
  {
    name: 'disagree/reason',
    other: [{ ...untrusted, reason: 'NO_DEVICE_INFO' }],
    what: 'request 1: reason',
    shown: 'NO_DEVICE_INFO',
  },
  {
    name: 'disagree/fortios-code',
    other: [{ ...untrusted, fortiosCode: '066' }],
    what: 'request 1: fortiosCode',
    shown: '066',
  },
  { name: 'disagree/verdict', other: [{ ...untrusted, verdict: 'allow' }], what: 'request 1: verdict', shown: 'allow' },
  { name: 'disagree/request-count', other: [untrusted, untrusted], what: 'requests', shown: '2' },
]) {
  test(c.name, () => {
    // Both backends passed the scenario: only the request-by-request comparison can see this.
    const d = differential([
      { backend: 'wire', model: model(scenario('a:1', 'passed', [untrusted])) },
      { backend: 'haproxy', model: model(scenario('a:1', 'passed', c.other)) },
    ]);
    const found = d.disagreements.find((x) => x.what === c.what);
    assert.ok(found, `${c.what} is reported: ${JSON.stringify(d.disagreements)}`);
    assert.equal(found.outcomes.haproxy, c.shown);
  });
}

test('disagree/status: a scenario that fails on one backend is listed per backend', () => {
  const d = differential([
    { backend: 'in-process', model: model(scenario('a:1', 'passed', [revoked])) },
    { backend: 'wire', model: model(scenario('a:1', 'failed', [revoked])) },
  ]);
  assert.deepEqual(d.disagreements, [
    { scenario: 'a:1', name: 'scenario a:1', what: 'status', outcomes: { 'in-process': 'passed', wire: 'failed' } },
  ]);
  assert.match(renderDifferential(d), /\| `a:1` scenario a:1 \| status \| passed \| failed \|/);
});
