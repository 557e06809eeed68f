/**
 * Round trip: a random configuration tree written out as FortiOS text (values quoted and escaped
 * the way `show` does, LF or CRLF) parses back to the same tree.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseFortiosConfig } from './parse-config';

interface Block {
  readonly path: string[];
  readonly settings: [string, string[]][];
  readonly entries: { name: string; settings: [string, string[]][]; sections: Block[] }[];
}

const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
// Any printable text, spaces, quotes, backslashes and line breaks included.
const value = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', ' ', '"', "'", '\\', '#', '\n', 'é', '-', '/', '*'),
  maxLength: 12,
});
const settings = fc.array(fc.tuple(key, fc.array(value, { minLength: 1, maxLength: 3 })), { maxLength: 3 });
/** A block with entries holding blocks, `depth` levels down at most (the parser allows 32). */
const blockAt = (depth: number): fc.Arbitrary<Block> =>
  fc.record({
    path: fc.array(key, { minLength: 1, maxLength: 2 }),
    settings,
    entries: fc.array(
      fc.record({
        name: value,
        settings,
        sections: depth > 0 ? fc.array(blockAt(depth - 1), { maxLength: 2 }) : fc.constant([]),
      }),
      { maxLength: 2 },
    ),
  });
const block = blockAt(3);

const quote = (text: string): string => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
const writeSettings = (list: [string, string[]][], indent: string): string[] =>
  list.map(([k, vs]) => `${indent}set ${k} ${vs.map(quote).join(' ')}`);
function write(b: Block, indent = ''): string[] {
  return [
    `${indent}config ${b.path.join(' ')}`,
    ...writeSettings(b.settings, `${indent}    `),
    ...b.entries.flatMap((e) => [
      `${indent}    edit ${quote(e.name)}`,
      ...writeSettings(e.settings, `${indent}        `),
      ...e.sections.flatMap((s) => write(s, `${indent}        `)),
      `${indent}    next`,
    ]),
    `${indent}end`,
  ];
}

type Parsed = ReturnType<typeof parseFortiosConfig>['sections'][number];
const plainSettings = (list: Parsed['settings']): [string, string[]][] => list.map((s) => [s.key, [...s.values]]);
const plain = (s: Parsed): Block => ({
  path: [...s.path],
  settings: plainSettings(s.settings),
  entries: s.entries.map((e) => ({
    name: e.name,
    settings: plainSettings(e.settings),
    sections: e.sections.map(plain),
  })),
});

test('parse/round-trip-of-random-trees', () => {
  fc.assert(
    fc.property(fc.array(block, { maxLength: 3 }), fc.boolean(), (blocks, crlf) => {
      const text = blocks.flatMap((b) => write(b)).join(crlf ? '\r\n' : '\n');
      assert.equal(JSON.stringify(parseFortiosConfig(text, 'random.conf').sections.map(plain)), JSON.stringify(blocks));
    }),
    { numRuns: 300 },
  );
});
