import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalog, parseCatalog } from './catalog';

const CONTRACT_IDS = [
  'IA-2',
  'IA-3',
  'IA-5(2)',
  'AC-3',
  'AC-3(7)',
  'AC-14',
  'SC-12',
  'SC-17',
  'AU-2',
  'AU-3',
  'CM-6',
  'CM-7',
  'ZTA-T1',
  'ZTA-T2',
  'ZTA-T3',
  'ZTA-T4',
  'ZTA-T5',
  'ZTA-T6',
  'ZTA-T7',
  'ZTMM-DEV-1',
  'ZTMM-DEV-2',
  'ZTMM-DEV-3',
  'ZTMM-DEV-4',
  'ZTMM-DEV-5',
];

test('catalog/shipped: lists exactly the contract control ids, each fully described', () => {
  const catalog = loadCatalog();
  assert.deepEqual(
    catalog.controls.map((c) => c.id),
    CONTRACT_IDS,
  );
  assert.match(catalog.digest, /^[0-9a-f]{64}$/);
  for (const control of catalog.controls) {
    assert.ok(control.description.length > 150, `${control.id} has a paragraph`);
    assert.ok(!control.description.includes('\n'), `${control.id} description folds into one paragraph`);
  }
});

test('catalog/shipped: frameworks', () => {
  const frameworks = new Map(loadCatalog().controls.map((c) => [c.id, c.framework]));
  assert.equal(frameworks.get('IA-5(2)'), 'NIST SP 800-53 Rev. 5');
  assert.equal(frameworks.get('ZTA-T4'), 'NIST SP 800-207');
  assert.equal(frameworks.get('ZTMM-DEV-3'), 'CISA ZTMM v2.0 (Devices)');
  assert.equal(
    loadCatalog().controls.find((c) => c.id === 'ZTMM-DEV-1')?.title,
    'Policy Enforcement & Compliance Monitoring',
  );
});

const entry = (id: string, extra = ''): string =>
  `  - id: ${id}\n    framework: NIST SP 800-53 Rev. 5\n    title: A title\n    description: A description that is long enough.\n${extra}`;

for (const [name, yaml, where, message] of [
  [
    'unknown-key',
    `version: 1\ncontrols:\n${entry('IA-2', '    owner: me\n')}`,
    'c.yaml:7:5',
    /^unknown key "owner" in controls\.0; expected one of: id, framework, title, description$/,
  ],
  [
    'duplicate-id',
    `version: 1\ncontrols:\n${entry('IA-2')}${entry('IA-2')}`,
    'c.yaml:7:9',
    /duplicate control id "IA-2"/,
  ],
  [
    'bad-id',
    `version: 1\ncontrols:\n${entry('ia 2')}`,
    'c.yaml:3:9',
    /^controls\.0\.id must be a control id such as IA-2/,
  ],
  [
    'missing-description',
    'version: 1\ncontrols:\n  - id: IA-2\n    framework: x\n    title: y\n',
    'c.yaml:3:5',
    /^controls\.0 is missing the required key "description"$/,
  ],
  ['wrong-version', `version: 2\ncontrols:\n${entry('IA-2')}`, 'c.yaml:1:10', /^version must be 1$/],
  ['not-yaml', 'version: 1\ncontrols: [\n', 'c.yaml:3:1', /invalid YAML/],
] as const) {
  test(`catalog/bad-input/${name}`, () => {
    assert.throws(
      () => parseCatalog(yaml, 'c.yaml'),
      (error: { code: string; where: string; message: string }) => {
        assert.equal(error.code, 'BAD_INPUT');
        assert.equal(error.where, where);
        assert.match(error.message, message);
        return true;
      },
    );
  });
}
