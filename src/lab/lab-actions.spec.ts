import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { packageFile } from '../package-root';
import { actionStep, type CheckAction, LAB_ACTIONS, type LabAction, labActionNamed } from './lab-actions';

const schema = JSON.parse(readFileSync(packageFile('schemas', 'scenario.schema.json'), 'utf8'));
const table: Record<string, LabAction> = LAB_ACTIONS;

test('lab-actions/schema-matches-table: YAML before: takes exactly the actions that have a step', () => {
  const inSchema = Object.keys(schema.$defs.action.properties).sort();
  const withStep = Object.entries(table)
    .filter(([, a]) => a.step)
    .map(([name]) => name)
    .sort();
  assert.deepEqual(inSchema, withStep);
  for (const name of withStep) {
    const property = schema.$defs.action.properties[name];
    const takesNumber = table[name]!.subject === 'seconds';
    assert.equal(property.type === 'integer', takesNumber, `${name}: the schema's value type follows the subject`);
  }
});

const STEP_CASES: [string, CheckAction, string][] = [
  [
    'step/endpoint',
    { 'revoke-client-certificate': 'laptop-1' },
    'When EMS revokes the client certificate of endpoint "laptop-1"',
  ],
  ['step/site', { 'update-root-ca': 'hq' }, 'When EMS updates the root CA of site "hq"'],
  [
    'step/gateway',
    { 'fabric-down': 'fgt-2' },
    'When requests go to access proxy "fgt-2"\n    And the fabric link goes down',
  ],
  ['step/seconds', { 'advance-seconds': 90 }, 'When 90 seconds pass'],
];
for (const [name, action, step] of STEP_CASES) {
  test(`lab-actions/${name}`, () => assert.equal(actionStep(action), step));
}

test('lab-actions/admin-only-has-no-step', () => {
  assert.throws(() => actionStep({ 'set-tags': 'laptop-1' } as CheckAction), /no step for the action "set-tags"/);
});

const NAME_CASES: [string, string, string | undefined][] = [
  ['name/current', 'advance-seconds', 'advance-seconds'],
  ['name/old-spelling', 'advance-clock', 'advance-seconds'],
  ['name/unknown', 'advance', undefined],
  ['name/prototype-member', 'constructor', undefined],
  ['name/prototype-member-to-string', 'toString', undefined],
];
for (const [name, given, resolved] of NAME_CASES) {
  test(`lab-actions/${name}`, () => assert.equal(labActionNamed(given)?.name, resolved));
}

test('lab-actions/aliases-are-unique: no old spelling is also a current name or another alias', () => {
  const aliases = Object.values(table).flatMap((a) => a.aliases ?? []);
  assert.equal(new Set(aliases).size, aliases.length);
  for (const alias of aliases) assert.ok(!Object.hasOwn(table, alias), alias);
});
