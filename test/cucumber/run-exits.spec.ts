import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { findHaproxy, findNginx } from '../../src/target';
import { programRuns, skipUnlessInstalled } from '../required-program';
import { runLimited } from '../run-with-limit';

const root = join(__dirname, '..', '..');
const LIMIT_MS = 240_000;

/** Runs cucumber with the limit; 'hung' if it outlived it (its process group is then killed). */
async function cucumber(args: readonly string[]): Promise<{ code: number | null; hung: boolean }> {
  const run = await runLimited(join(root, 'node_modules', '.bin', 'cucumber-js'), args, {
    cwd: root,
    limitS: LIMIT_MS / 1000,
    capture: true,
  });
  return { code: run.code, hung: run.timedOut };
}

// Each run must end on its own once its scenarios are done: every proxy, server, connection and
// timer a World or a target opened is closed in the After hook. A leak keeps node alive past the summary.
for (const c of [
  {
    name: 'exits/wire',
    profile: 'wire',
    features: ['features/revocation.feature', 'features/root-rotation.feature', 'features/faults.feature'],
    needs: undefined,
  },
  {
    name: 'exits/nginx',
    profile: 'nginx',
    features: ['features/revocation.feature', 'features/multi-site.feature'],
    needs: { program: 'nginx', found: () => findNginx() !== undefined, install: 'apt-get install nginx-light' },
  },
  {
    name: 'exits/haproxy',
    profile: 'haproxy',
    features: ['features/revocation.feature', 'features/multi-site.feature'],
    needs: { program: 'haproxy', found: () => findHaproxy() !== undefined, install: 'apt-get install haproxy' },
  },
]) {
  const skip = c.needs
    ? skipUnlessInstalled(c.needs.found() && programRuns(c.needs.program), c.needs.program, c.needs.install)
    : false;
  test(`${c.name}: a ${c.profile} run of a few features exits by itself, within ${LIMIT_MS / 1000} s`, {
    skip,
    timeout: LIMIT_MS + 10_000,
  }, async () => {
    const reports = mkdtempSync(join(tmpdir(), `ztna-exit-${c.profile}-`));
    const result = await cucumber([
      '-p',
      c.profile,
      '--format-options',
      JSON.stringify({ ztna: { reportsDir: reports } }),
      ...c.features,
    ]);
    assert.equal(result.hung, false, `cucumber-js -p ${c.profile} was still running after ${LIMIT_MS / 1000} s`);
    assert.equal(result.code, 0, `cucumber-js -p ${c.profile} failed`);
    const report = JSON.parse(readFileSync(join(reports, 'compliance.json'), 'utf8')) as { scenarios: unknown[] };
    assert.ok(report.scenarios.length >= 10, `only ${report.scenarios.length} scenarios ran`);
  });
}

test('profiles/paths: a feature named on the command line runs alone, on every profile', {
  timeout: 120_000,
}, async () => {
  for (const profile of ['default', 'wire', 'nginx', 'haproxy']) {
    const run = await runLimited(
      join(root, 'node_modules', '.bin', 'cucumber-js'),
      [
        '-p',
        profile,
        '--dry-run',
        '--format',
        'summary',
        '--format-options',
        JSON.stringify({ ztna: { reportsDir: mkdtempSync(join(tmpdir(), 'ztna-paths-')) } }),
        'features/registration.feature',
      ],
      { cwd: root, limitS: 100, capture: true },
    );
    const out = run.output;
    // registration.feature holds 11 scenarios (outline rows included); all features hold over 100.
    assert.match(
      out,
      /^11 scenarios \(11 skipped\)$/m,
      `${profile} ran more than the feature given: ${out.slice(-300)}`,
    );
    assert.doesNotMatch(out, /specified paths in both/, `${profile} merged the profile's paths with the command line`);
  }
});
