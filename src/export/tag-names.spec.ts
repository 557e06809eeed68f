import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HarnessError } from '../errors';
import { createLab, LAB_ACTIONS, loadScenario } from '../lab';
import { adminArguments } from '../server/admin-api';
import { exportLab } from './export-lab';
import { tagNameProblem, validTagNames } from './tag-names';

const VALID = ['Domain-Users', 'HR', 'a.b+c@d-e_f', 'EMS_ALL_UNMANAGEABLE_CLIENTS', 'x'.repeat(62)];
const INVALID = [
  { name: 'nginx-variable', tag: '$http_x_ztna' },
  { name: 'comma-join', tag: 'Domain-Users,HR' },
  { name: 'semicolon-join', tag: 'Domain-Users;HR' },
  { name: 'double-quote', tag: 'HR"; allow' },
  { name: 'single-quote', tag: "HR'" },
  { name: 'newline', tag: 'HR\nset' },
  { name: 'space', tag: 'Domain Users' },
  { name: 'haproxy-sample', tag: '%[req.hdr(x)]' },
  { name: 'env-expansion', tag: '${HOME}' },
  { name: 'comment', tag: '#x' },
  { name: 'backslash', tag: 'a\\b' },
  { name: 'pipe', tag: 'a|b' },
  { name: 'colon', tag: 'a:b' },
  { name: 'empty', tag: '' },
  { name: 'too-long', tag: 'x'.repeat(63) },
  { name: 'not-a-string', tag: 7 },
];

test('tags/valid: FortiOS-sized names of letters, digits and _ . + @ - pass', () => {
  for (const tag of VALID) assert.equal(tagNameProblem(tag), undefined, tag);
  assert.deepEqual(validTagNames(VALID), VALID);
});

for (const c of INVALID) {
  test(`tags/refused/${c.name}`, () => {
    assert.match(tagNameProblem(c.tag) ?? '', /ZTNA tag/);
    assert.throws(
      () => validTagNames([c.tag]),
      (e: unknown) => e instanceof HarnessError && e.code === 'BAD_INPUT',
    );
  });
}

test('tags/admin-set-tags: the admin action refuses a tag a proxy config would read as syntax', async () => {
  const lab = await createLab({ endpoints: [{ name: 'laptop-1', tags: ['Domain-Users'] }] });
  const setTags = LAB_ACTIONS['set-tags'];
  for (const tag of ['$http_x_ztna', 'Domain-Users,HR', 'HR"\n']) {
    await assert.rejects(
      async () => setTags.run(lab, adminArguments(setTags, { endpoint: 'laptop-1', tags: [tag] })),
      (e: unknown) => e instanceof HarnessError && e.code === 'BAD_INPUT',
      tag,
    );
  }
  await setTags.run(lab, adminArguments(setTags, { endpoint: 'laptop-1', tags: ['HR', 'a.b+c@d-e_f'] }));
  assert.deepEqual(lab.ems.registry.get(lab.endpoint('laptop-1').uid)?.tags, ['HR', 'a.b+c@d-e_f']);
  lab.close();
});

test('tags/scenario-file: the schema refuses a tag outside the limits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-tags-'));
  for (const [where, yaml] of [
    ['endpoint', 'endpoints:\n  - name: laptop-1\n    tags: ["$http_x_ztna"]\n'],
    [
      'rule',
      'gateways:\n  - name: fgt\n    rules:\n      - name: hr\n        ztna-ems-tag: ["Domain-Users,HR"]\n        action: accept\n',
    ],
  ]) {
    const file = join(dir, `${where}.yaml`);
    writeFileSync(file, `name: hostile tags\n${yaml}`);
    assert.throws(
      () => loadScenario(file),
      (e: unknown) => e instanceof HarnessError && e.code === 'BAD_INPUT' && /tag.*must match pattern/.test(e.message),
      where,
    );
  }
});

test('tags/export: a lab built in code with a hostile tag is refused before any config is written', async () => {
  const lab = await createLab({ endpoints: [{ name: 'laptop-1', tags: ['$http_x_ztna'] }] });
  await assert.rejects(
    exportLab(lab, mkdtempSync(join(tmpdir(), 'ztna-export-'))),
    (e: unknown) => e instanceof HarnessError && e.code === 'BAD_INPUT',
  );
  lab.close();
});
