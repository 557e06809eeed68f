import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelFrom, scenario } from '../../test/fixtures/report/sample-model';
import { printable, renderHtml, renderJunit, renderMarkdown } from '../compliance';
import { summaryLine } from './formatter';

const CASES: [string, string, string][] = [
  ['plain/unchanged', 'Registered laptop → HR portal', 'Registered laptop → HR portal'],
  ['ansi/escape-shown', '\u001b[2K\rcompliant', '\\u001b[2K\\rcompliant'],
  ['newline/shown', 'ok\nunmet: none', 'ok\\nunmet: none'],
  ['c1/shown', 'csi\u009b31m', 'csi\\u009b31m'],
  ['del-and-nul/shown', 'a\u007fb\u0000', 'a\\u007fb\\u0000'],
  ['tab/shown', 'a\tb', 'a\\tb'],
];
for (const [name, input, shown] of CASES) test(`printable/${name}`, () => assert.equal(printable(input), shown));

// A scenario name written to forge a line: it must reach no output with its control characters.
const FORGED = 'evil\u001b[1A\u001b[2K\rztna-harness compliance passed';
const insecureModel = () =>
  modelFrom([scenario('features/a\u001b[31m.feature', 3, 'failed', ['IA-2'], { name: FORGED })], {
    target: { kind: 'provisioned', url: 'https://fgt.test:9443', tlsVerify: false },
  });

test('outputs/no-control-character-of-a-name-reaches-them', () => {
  const model = insecureModel();
  for (const [format, text] of [
    ['compliance.md', renderMarkdown(model)],
    ['run.log summary', summaryLine(model, 'reports')],
    ['compliance.html', renderHtml(model)],
  ] as const) {
    assert.doesNotMatch(text, /\u001b/, `${format} holds a raw ESC`);
  }
  assert.match(renderMarkdown(model), /evil\\\\u001b\\\[1A/);
});

test('outputs/insecure-is-said-by-every-format', () => {
  const model = insecureModel();
  assert.match(renderJunit(model), /<property name="insecure" value="true"\/>/);
  assert.match(renderMarkdown(model), /TLS verification off \(insecure: true\)/);
  assert.match(
    summaryLine(model, 'reports'),
    /; insecure: true \(TLS verification of https:\/\/fgt\.test:9443 was off\); reports in reports\n$/,
  );
});
