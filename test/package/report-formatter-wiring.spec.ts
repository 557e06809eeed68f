/**
 * How `ztna-harness run` wires the compliance formatter into a user's cucumber config: exactly
 * once, from the package (src/ under ts-node, dist/ when installed), keeping the user's own
 * formatter options that the run does not set.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { useReportFormatter } from '../../src/cucumber';

type Formats = Parameters<typeof useReportFormatter>[0];

for (const [name, specifier] of [
  ['by file URL (the init template)', 'file:///work/acme/node_modules/ztna-harness/dist/src/cucumber/formatter.cjs'],
  ['by package export', 'ztna-harness/formatter'],
  ['by relative path (this repository)', './src/cucumber/formatter.cjs'],
]) {
  test(`run: a config naming the formatter ${name} gets it once, from the package`, () => {
    const formats: Formats = {
      stdout: 'progress',
      files: { 'reports/run.log': specifier!, 'reports/cucumber.json': 'json' },
      publish: false,
      options: { ztna: { reportsDir: 'reports', catalog: 'controls/acme.yaml' }, colorsEnabled: false },
    };
    useReportFormatter(formats, '/work/acme/out', {
      reportsDir: '/work/acme/out',
      target: { kind: 'in-process', url: null, tlsVerify: true },
    });
    const ours = Object.entries(formats.files).filter(
      ([, f]) => f.endsWith('formatter.cjs') || f === 'ztna-harness/formatter',
    );
    assert.equal(ours.length, 1, JSON.stringify(formats.files));
    assert.equal(ours[0]![0], '/work/acme/out/run.log');
    assert.ok(existsSync(fileURLToPath(ours[0]![1])), ours[0]![1]);
    assert.equal(formats.files['reports/cucumber.json'], 'json');
    assert.deepEqual(formats.options, {
      colorsEnabled: false,
      ztna: {
        reportsDir: '/work/acme/out',
        catalog: 'controls/acme.yaml',
        target: { kind: 'in-process', url: null, tlsVerify: true },
      },
    });
  });
}
