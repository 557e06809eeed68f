import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalog } from '../compliance';
import { assertKnownControls, controlIdsOf, locatedTagsOfFeatureText, locatedTagsOfPickles } from './control-tags';
import type { GherkinDocument, Pickle } from './envelope';

test('controlIdsOf: control tags only, deduplicated, in order', () => {
  assert.deepEqual(controlIdsOf(['@smoke', '@control:IA-5(2)', '@control:AC-3', '@control:IA-5(2)', '@controls:x']), [
    'IA-5(2)',
    'AC-3',
  ]);
});

const FEATURE = `@control:AU-2
Feature: tags
  # @control:NOT-A-TAG in a comment
  @wip @control:IA-2   @control:XX-1 # trailing comment @control:YY-2
  Scenario: one
    Given a doc string
      """
      @control:ZZ-3 is text here
      """
`;

test('locatedTagsOfFeatureText: tags with line and column; comments and doc strings skipped', () => {
  assert.deepEqual(
    locatedTagsOfFeatureText(FEATURE, 'f.feature').map((t) => `${t.name}@${t.location.line}:${t.location.column}`),
    ['@control:AU-2@1:1', '@wip@4:3', '@control:IA-2@4:8', '@control:XX-1@4:24'],
  );
});

const at = (name: string, line: number, column: number) => ({ name, location: { file: 'f.feature', line, column } });

for (const [name, tags, message] of [
  [
    'one-unknown',
    [at('@wip', 4, 3), at('@control:IA-2', 4, 8), at('@control:XX-1', 4, 24)],
    /^unknown control id not in .*catalog\.yaml: XX-1 \(f\.feature:4:24\)$/,
  ],
  [
    'several-unknown',
    [at('@control:XX-1', 4, 24), at('@control:IA-5(3)', 9, 1)],
    /^unknown control ids not in .*: XX-1 \(f\.feature:4:24\), IA-5\(3\) \(f\.feature:9:1\)$/,
  ],
] as const) {
  test(`assertKnownControls/${name}`, () => {
    assert.throws(
      () => assertKnownControls(tags, loadCatalog()),
      (error: { code: string; where: string; message: string }) => {
        assert.equal(error.code, 'BAD_INPUT');
        assert.equal(error.where, 'f.feature:4:24');
        assert.match(error.message, message);
        return true;
      },
    );
  });
}

test('assertKnownControls: known ids and other tags pass', () => {
  assertKnownControls(
    locatedTagsOfFeatureText('@control:IA-2 @control:ZTMM-DEV-5 @smoke\nFeature: x\n', 'ok.feature'),
    loadCatalog(),
  );
});

test('locatedTagsOfPickles: tag locations come from the Gherkin document', () => {
  const tag = (id: string, name: string, line: number, column: number) => ({ id, name, location: { line, column } });
  const document: GherkinDocument = {
    uri: 'features/a.feature',
    feature: {
      name: 'A',
      location: { line: 2 },
      tags: [tag('t1', '@control:AU-2', 1, 1)],
      children: [
        {
          rule: {
            name: 'r',
            tags: [],
            children: [
              {
                scenario: {
                  id: 's1',
                  name: 's',
                  location: { line: 6 },
                  steps: [],
                  examples: [],
                  tags: [tag('t2', '@control:XX-9', 5, 5)],
                },
              },
            ],
          },
        },
      ],
    },
  };
  const pickle: Pickle = {
    id: 'p1',
    uri: 'features/a.feature',
    name: 's',
    location: { line: 6 },
    steps: [],
    astNodeIds: ['s1'],
    tags: [
      { name: '@control:AU-2', astNodeId: 't1' },
      { name: '@control:XX-9', astNodeId: 't2' },
    ],
  };
  const located = locatedTagsOfPickles([
    { pickle, gherkinDocument: document },
    { pickle: { ...pickle, id: 'p2' }, gherkinDocument: document },
  ]);
  assert.deepEqual(located, [
    { name: '@control:AU-2', location: { file: 'features/a.feature', line: 1, column: 1 } },
    { name: '@control:XX-9', location: { file: 'features/a.feature', line: 5, column: 5 } },
  ]);
  assert.throws(() => assertKnownControls(located, loadCatalog()), /XX-9 \(features\/a\.feature:5:5\)/);
});
