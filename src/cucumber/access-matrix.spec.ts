import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scenario } from '../../test/fixtures/report/sample-model';
import { extractLabMatrices, type LabMatrix, matrixChanges } from '../compliance';
import { type LabSpec, loadScenario } from '../lab';
import { packageFile } from '../package-root';
import { attachAccessMatrix, labIdOf, labMatrixOf } from './access-matrix-attachment';

const SINGLE_SITE = loadScenario(packageFile('scenarios', 'single-site.yaml')).spec;
const table = (lab: Omit<LabMatrix, 'scenario'>): string[] =>
  lab.gateways.flatMap((g) =>
    g.rows.map((row, r) => `${row.label}: ${g.cells[r]!.map((c) => `${c.verdict} ${c.reason}`).join(' | ')}`),
  );

test('matrix/single-site: every endpoint and certificate-less class against every rule destination', async () => {
  const lab = await labMatrixOf(SINGLE_SITE);
  assert.equal(lab.name, 'Single default site');
  assert.deepEqual(
    lab.gateways[0]!.columns.map((c) => c.label),
    ['hr.example.com/', 'intranet.example.com/'],
  );
  assert.deepEqual(table(lab), [
    'laptop-1: deny TAGS_NO_MATCH | allow ALLOW',
    'hr-laptop: allow ALLOW | allow ALLOW',
    'laptop-offline: deny DEVICE_OFFLINE | deny DEVICE_OFFLINE',
    'no certificate, desktop browser: deny CERT_EMPTY | deny CERT_EMPTY',
    'no certificate, mobile browser: deny CERT_EMPTY | deny CERT_EMPTY',
  ]);
  assert.equal(lab.gateways[0]!.cells[1]![0]!.rule, 'hr-portal');
});

test('matrix/mobile: accept-unmanageable admits the phone, not the desktop browser', async () => {
  const lab = await labMatrixOf(loadScenario(packageFile('scenarios', 'mobile-unmanageable.yaml')).spec);
  const rows = table(lab);
  assert.ok(
    rows.some((r) => r.startsWith('no certificate, mobile browser: allow')),
    rows.join('\n'),
  );
  assert.ok(
    rows.some((r) => r.startsWith('no certificate, desktop browser: deny CERT_EMPTY_MANAGEABLE')),
    rows.join('\n'),
  );
});

test('matrix/id: stable for a declaration, whatever its start time; different for another', () => {
  assert.equal(labIdOf(SINGLE_SITE), labIdOf({ ...SINGLE_SITE, clockStart: Date.now() }));
  assert.notEqual(labIdOf(SINGLE_SITE), labIdOf({ ...SINGLE_SITE, name: 'other' }));
});

test('matrix/diff: a rule change shows every access it grants or takes away', async () => {
  const loosened: LabSpec = {
    ...SINGLE_SITE,
    gateways: SINGLE_SITE.gateways!.map((g) => ({
      ...g,
      rules: g.rules!.map((r) => (r.name === 'hr-portal' ? { ...r, tags: ['Domain-Users'] } : r)),
    })),
  };
  const [before, after] = [await labMatrixOf(SINGLE_SITE), await labMatrixOf(loosened)];
  const changes = matrixChanges([{ ...before, scenario: 'a' }], [{ ...after, scenario: 'b' }]);
  assert.deepEqual(
    changes.map((c) => [c.probe.endpoint, c.probe.destination, c.base?.reason, c.head?.reason, c.head?.rule]),
    [['laptop-1', 'hr.example.com/', 'TAGS_NO_MATCH', 'ALLOW', 'hr-portal']],
  );
  assert.deepEqual(matrixChanges([{ ...before, scenario: 'a' }], [{ ...before, scenario: 'b' }]), []);
});

test("matrix/extract: one per lab out of the scenarios' evidence, malformed ones kept as evidence", async () => {
  const lab = await labMatrixOf(SINGLE_SITE);
  const matrix = { kind: 'other' as const, declaredKind: 'access-matrix', data: { kind: 'access-matrix', ...lab } };
  const broken = { kind: 'other' as const, declaredKind: 'access-matrix', data: { id: 'x' } };
  const { scenarios, labs } = extractLabMatrices([
    scenario('scenarios/single-site.yaml', 32, 'passed', ['AC-3'], { evidence: [matrix] }),
    scenario('scenarios/single-site.yaml', 40, 'passed', ['AC-3'], { evidence: [matrix, broken] }),
  ]);
  assert.equal(labs.length, 1);
  assert.equal(labs[0]!.scenario, 'scenarios/single-site.yaml:32');
  assert.deepEqual(
    scenarios.map((s) => s.evidence.length),
    [0, 1],
  );
});

test('matrix/hook: attaches the matrix of a declared lab; nothing before any request; a note when it cannot be built', async () => {
  const attachments: { kind: string; text?: string }[] = [];
  const world = (spec: LabSpec, exchanges: unknown[] = [{}]) => ({
    exchanges,
    lab: async () => ({ spec }) as never,
    attach: (data: string) => attachments.push(JSON.parse(data)),
  });
  await attachAccessMatrix(world(SINGLE_SITE, []));
  assert.equal(attachments.length, 0, 'no request: no lab is built');
  await attachAccessMatrix(world({}));
  assert.equal(attachments.length, 0, 'a lab without declared endpoints has no matrix');
  await attachAccessMatrix(world(SINGLE_SITE));
  await attachAccessMatrix(world(SINGLE_SITE));
  assert.deepEqual(
    attachments.map((a) => a.kind),
    ['access-matrix', 'access-matrix'],
  );
  await attachAccessMatrix(world({ endpoints: [{ name: 'x', site: 'no-such-site' }] }));
  assert.equal(attachments.at(-1)!.kind, 'note');
  assert.match(attachments.at(-1)!.text!, /could not be computed/);
});
