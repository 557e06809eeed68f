import assert from 'node:assert/strict';
import { test } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { auditModel } from '../../test/fixtures/report/audit-model';
import { assertGolden } from '../../test/fixtures/report/golden';
import { passingModel, sampleModel } from '../../test/fixtures/report/sample-model';
import { OSCAL_VERSION, oscalControlId, renderOscal } from './render-oscal';
import { stableUuid } from './stable-uuid';

// NIST's published schema, vendored (see test/fixtures/oscal/README.md for its source).
const SCHEMA = require('../../test/fixtures/oscal/oscal_assessment-results_schema-1.0.6.json');
const validate = addFormats(new Ajv({ strict: false, allErrors: true })).compile(SCHEMA);

// Rules of the OSCAL 1.1.2 model reference (metaschema at tag v1.1.2).
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DATE_TIME_TZ = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const METHODS = ['EXAMINE', 'INTERVIEW', 'TEST', 'UNKNOWN'];
const OBSERVATION_TYPES = ['ssp-statement-issue', 'control-objective', 'mitigation', 'finding', 'historic'];
const STATES = ['satisfied', 'not-satisfied'];
const REASONS = ['pass', 'fail', 'other'];
const RISK_STATUSES = ['open', 'investigating', 'remediating', 'deviation-requested', 'deviation-approved', 'closed'];

// biome-ignore lint/suspicious/noExplicitAny: the test walks parsed JSON
type Json = Record<string, any>;
const documentOf = (text: string): Json => JSON.parse(text)['assessment-results'];

function walk(value: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v);
      walk(v, visit);
    }
  }
}

for (const { name, model } of [
  { name: 'sample', model: sampleModel() },
  { name: 'passing', model: passingModel() },
  { name: 'audit', model: auditModel() },
]) {
  const text = renderOscal(model);
  const ar = documentOf(text);

  // An audit's run id is random: no golden file, the schema and rules below still apply.
  if (name !== 'audit')
    test(`golden/${name}/oscal-assessment-results.json`, () =>
      assertGolden(`${name}/oscal-assessment-results.json`, text));

  test(`oscal/${name}: valid against NIST's assessment-results JSON Schema`, () => {
    assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
  });

  test(`oscal/${name}: required fields, v4 UUIDs, date-times and allowed values of the 1.1.2 model`, () => {
    for (const key of ['title', 'last-modified', 'version', 'oscal-version'])
      assert.ok(ar.metadata[key], `metadata.${key}`);
    assert.equal(ar.metadata['oscal-version'], OSCAL_VERSION);
    assert.ok(ar['import-ap'].href);
    const [result] = ar.results;
    for (const key of ['uuid', 'title', 'description', 'start', 'reviewed-controls'])
      assert.ok(result[key], `result.${key}`);
    walk(ar, (key, value) => {
      if (key === 'uuid' || key.endsWith('-uuid')) assert.match(String(value), UUID_V4, key);
      if (['published', 'last-modified', 'start', 'end', 'collected', 'deadline'].includes(key))
        assert.match(String(value), DATE_TIME_TZ, key);
    });
    for (const o of result.observations) {
      assert.ok(o.description && o.collected && o.methods.every((m: string) => METHODS.includes(m)), o.title);
      assert.ok(o.types.every((t: string) => OBSERVATION_TYPES.includes(t)));
    }
    for (const f of result.findings) {
      assert.ok(STATES.includes(f.target.status.state) && REASONS.includes(f.target.status.reason), f.title);
      for (const { 'observation-uuid': id } of f['related-observations'] ?? [])
        assert.ok(
          result.observations.some((o: Json) => o.uuid === id),
          'dangling observation reference',
        );
    }
    for (const r of result.risks ?? []) assert.ok(RISK_STATUSES.includes(r.status) && r.statement && r.description);
  });
}

test('oscal: one observation per piece of evidence, one finding per exercised control', () => {
  const model = sampleModel();
  const [result] = documentOf(renderOscal(model)).results;
  const pieces = model.scenarios.reduce((n, s) => n + Math.max(1, s.evidence.length), 0);
  assert.equal(result.observations.length, pieces);
  const exercised = model.controls.filter((c) => c.status !== 'not_covered');
  assert.deepEqual(
    result.findings.map((f: Json) => f.target['target-id']),
    exercised.map((c) => `${oscalControlId(c.id)}_obj`),
  );
  const selections = result['reviewed-controls']['control-selections'];
  assert.deepEqual(
    selections.flatMap((s: Json) => s['include-controls'].map((c: Json) => c['control-id'])).sort(),
    exercised.map((c) => oscalControlId(c.id)).sort(),
  );
  assert.deepEqual(
    selections.map((s: Json) => s.props[0].value),
    [...new Set(exercised.map((c) => c.framework))],
    'one selection per framework',
  );
});

test('oscal: only a passed control is satisfied; a waived one links its risk', () => {
  const model = sampleModel();
  const [result] = documentOf(renderOscal(model)).results;
  for (const control of model.controls.filter((c) => c.status !== 'not_covered')) {
    const f = result.findings.find((x: Json) => x.target['target-id'] === `${oscalControlId(control.id)}_obj`);
    assert.equal(f.target.status.state, control.status === 'passed' ? 'satisfied' : 'not-satisfied', control.id);
  }
  const waived = result.findings.find((x: Json) => x.target['target-id'] === 'sc-12_obj');
  const risk = result.risks.find((r: Json) => r.uuid === waived['related-risks'][0]['risk-uuid']);
  assert.equal(risk.description, 'root CA rotation scenarios land next sprint');
  assert.equal(risk.deadline, '2026-01-31T23:59:59Z');
});

test('oscal: an observation points at its compliance.json entry and feature file:line', () => {
  const [result] = documentOf(renderOscal(sampleModel())).results;
  const revoked = result.observations.find((o: Json) => o.title.endsWith('decision: deny CERT_REVOKED'));
  assert.deepEqual(
    revoked['relevant-evidence'].map((e: Json) => e.href),
    ['compliance.json#/scenarios/4/evidence/1', 'features/revocation.feature'],
  );
  assert.match(revoked['relevant-evidence'][1].description, /^features\/revocation\.feature:5 /);
});

for (const [id, expected] of [
  ['IA-5(2)', 'ia-5.2'],
  ['AC-3', 'ac-3'],
  ['ZTA-T1', 'zta-t1'],
  ['ZTMM-DEV-5', 'ztmm-dev-5'],
] as const) {
  test(`oscal-id/${id}`, () => assert.equal(oscalControlId(id), expected));
}

test('uuid: stable for a run id and a path, different otherwise, v4 bits set', () => {
  assert.equal(stableUuid('run-1', 'result'), stableUuid('run-1', 'result'));
  assert.notEqual(stableUuid('run-1', 'result'), stableUuid('run-2', 'result'));
  assert.notEqual(stableUuid('run-1', 'result'), stableUuid('run-1', 'finding/AC-3'));
  for (let i = 0; i < 200; i++) assert.match(stableUuid('run', String(i)), UUID_V4);
});

test('oscal: the schema check bites (a bad state, a bad UUID, an unknown key are refused)', () => {
  for (const spoil of [
    (ar: Json) => (ar.results[0].findings[0].target.status.state = 'ok'),
    (ar: Json) => (ar.results[0].observations[0].uuid = 'not-a-uuid'),
    (ar: Json) => (ar.metadata.colour = 'blue'),
    (ar: Json) => delete ar['import-ap'],
  ]) {
    const doc = JSON.parse(renderOscal(sampleModel()));
    spoil(doc['assessment-results']);
    assert.equal(validate(doc), false, String(spoil));
  }
});
