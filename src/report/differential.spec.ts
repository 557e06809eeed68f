import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differential, renderDifferential } from './differential';
import type { RunModel } from './run-model';

const scenario = (id: string, status: string, verdicts: [string, string | null][]) => ({
  id, name: `scenario ${id}`, status,
  evidence: verdicts.map(([verdict, reason]) => ({ kind: 'decision', verdict, reason })),
});
const model = (...scenarios: ReturnType<typeof scenario>[]) => ({ scenarios } as unknown as RunModel);

test('backends that decide alike give an empty differential', () => {
  const d = differential([
    { backend: 'in-process', model: model(scenario('a:1', 'passed', [['allow', 'ALLOW'], ['deny', 'CERT_REVOKED']]), scenario('b:1', 'passed', [['deny', 'CERT_EMPTY']])) },
    { backend: 'nginx', model: model(scenario('a:1', 'passed', [['allow', 'ALLOW'], ['deny', 'CERT_REVOKED']]), scenario('b:1', 'not_applicable', [])) },
  ]);
  assert.deepEqual([d.compared, d.disagreements.length], [1, 0]);
  assert.match(renderDifferential(d), /1 scenarios ran on more than one backend; 0 disagreed/);
});

test('a different verdict, reason or status is a disagreement, listed per backend', () => {
  const d = differential([
    { backend: 'in-process', model: model(scenario('a:1', 'passed', [['deny', 'CERT_REVOKED']]), scenario('c:1', 'passed', [['allow', 'ALLOW']])) },
    { backend: 'wire', model: model(scenario('a:1', 'failed', [['allow', 'ALLOW']]), scenario('c:1', 'passed', [['allow', 'ALLOW']])) },
  ]);
  assert.equal(d.disagreements.length, 1);
  assert.deepEqual(d.disagreements[0]!.outcomes, { 'in-process': 'passed [deny:CERT_REVOKED]', wire: 'failed [allow:ALLOW]' });
  assert.match(renderDifferential(d), /\| `a:1` scenario a:1 \| passed \[deny:CERT_REVOKED\] \| failed \[allow:ALLOW\] \|/);
});
