import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertGolden } from '../../test/fixtures/report/golden';
import { HOSTILE, passingModel, sampleModel } from '../../test/fixtures/report/sample-model';
import { validateJunit } from '../../test/fixtures/report/xmllint';
import { skipUnlessInstalled } from '../../test/required-program';
import { schemaValidator } from '../input';
import { digestLine } from './digest';
import { md, renderMarkdown } from './render-markdown';
import { REPORT_FILES, renderReports } from './report-files';
import { REPORT_SCHEMA_FILE } from './report-loader';

const MODELS = [
  { name: 'sample', model: sampleModel() },
  { name: 'passing', model: passingModel() },
];

for (const { name, model } of MODELS) {
  const files = renderReports(model);
  for (const file of [REPORT_FILES.json, REPORT_FILES.html, REPORT_FILES.junit, REPORT_FILES.markdown]) {
    test(`golden/${name}/${file}`, () => assertGolden(`${name}/${file}`, files.get(file)!));
  }

  test(`json/${name}: validates against the report schema and has its digest`, () => {
    const validate = schemaValidator(REPORT_SCHEMA_FILE);
    const json = files.get(REPORT_FILES.json)!;
    assert.ok(validate(JSON.parse(json)), JSON.stringify(validate.errors));
    assert.equal(files.get(REPORT_FILES.digest), digestLine(json, 'compliance.json'));
  });

  test(`junit/${name}: validates against the JUnit XSD`, (t) => {
    const file = join(mkdtempSync(join(tmpdir(), 'ztna-junit-')), 'junit.xml');
    writeFileSync(file, files.get(REPORT_FILES.junit)!);
    const result = validateJunit(file);
    if (result.missing)
      return t.skip(skipUnlessInstalled(false, 'xmllint', 'apt-get install libxml2-utils') || undefined);
    assert.ok(result.ok, result.output);
  });
}

test('html: hostile values render as text, never as markup', () => {
  const page = renderReports(sampleModel()).get(REPORT_FILES.html)!;
  assert.ok(!page.includes('<script>alert(1)'), 'raw script tag in the page');
  assert.ok(!page.includes('<img src=x'), 'raw img tag in the page');
  assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt; &quot;double&quot; &amp; &#39;single&#39;'));
  assert.equal(page.match(/<script>/g)?.length, 1, 'only the report script itself');
  assert.match(
    page,
    /Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/,
  );
  assert.doesNotMatch(page, /\b(src|href)="(https?:)?\/\//, 'no network reference');
});

test('html: waived results are counted apart', () => {
  const page = renderReports(sampleModel()).get(REPORT_FILES.html)!;
  assert.match(page, /1 waived \(counted apart\)/);
  assert.match(page, /data-status="waived"/);
});

test('junit: waived, not-applicable and run errors are distinguished', () => {
  const xml = renderReports(sampleModel()).get(REPORT_FILES.junit)!;
  assert.match(xml, /<skipped type="waived" message="failed, waived by sec-lead@example.com until 2026-06-30/);
  assert.match(xml, /<skipped type="not_applicable"/);
  assert.match(xml, /<property name="waived" value="1"\/>/);
  assert.match(xml, /<testsuite name="run errors"/);
  assert.match(xml, /<property name="control" value="IA-5\(2\)"\/>/);
});

test('markdown: counts waived apart and escapes text', () => {
  const text = renderMarkdown(sampleModel());
  assert.match(text, /1 waived/);
  assert.match(text, /### Waived \(counted apart\)/);
  assert.ok(!text.includes('<script>'));
});

for (const [input, expected] of [
  ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['a | b', 'a \\| b'],
  ['[link](http://x)', '\\[link\\](http://x)'],
  ['line1\nline2', 'line1 line2'],
  ['**bold** _it_ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\`'],
] as const) {
  test(`md/${JSON.stringify(input)}`, () => assert.equal(md(input), expected));
}

test('renderers are pure: equal models give equal bytes', () => {
  const a = renderReports(sampleModel());
  const b = renderReports(sampleModel());
  for (const [file, content] of a) assert.equal(b.get(file), content, file);
  assert.ok(HOSTILE.length > 0);
});
