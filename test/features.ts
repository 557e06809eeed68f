/**
 * The feature half of `npm test`: every feature on every backend (in-process, the reference
 * proxy over TLS, a real nginx and a real HAProxy on the export), a parallel run that must match
 * the serial one, and the differential across backends, request by request. A missing nginx,
 * HAProxy or libfaketime skips loudly on a developer's machine; under CI it is an error, because
 * CI installs them. Every child process has a time limit: past it, it is killed with its own
 * children and the run fails with one line naming it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadReport } from '../src/compliance';
import { findHaproxy, findLibfaketime, findNginx } from '../src/target';
import { comparedShare, differential, renderDifferential } from './differential';
import { runWithLimit } from './run-with-limit';

const root = join(__dirname, '..');
const cucumber = join(root, 'node_modules', '.bin', 'cucumber-js');
const LIMIT_S = Number(process.env.ZTNA_HARNESS_RUN_TIMEOUT_S) || 1_200;
/** Share of request-sending scenarios that must run on every backend. */
const MIN_COMPARED = 0.95;

/** Runs a command with the run's time limit (see runWithLimit); prints the command first. */
function run(label: string, command: string, args: readonly string[], limitS = LIMIT_S): Promise<boolean> {
  process.stdout.write(`\n$ ${label}\n`);
  return runWithLimit(label, command, args, { cwd: root, limitS });
}

interface Backend {
  readonly backend: string;
  readonly profile: string;
  readonly dir: string;
}

/** The backends this machine can run; a missing program fails under CI and is skipped loudly elsewhere. */
function backends(): Backend[] | undefined {
  const all: Backend[] = [
    { backend: 'in-process', profile: 'default', dir: 'reports' },
    { backend: 'wire', profile: 'wire', dir: 'reports/wire' },
  ];
  const programs = [
    {
      name: 'nginx',
      found: findNginx(),
      install: 'apt-get install nginx-light',
      backend: { backend: 'nginx', profile: 'nginx', dir: 'reports/nginx' },
    },
    {
      name: 'haproxy',
      found: findHaproxy(),
      install: 'apt-get install haproxy',
      backend: { backend: 'haproxy', profile: 'haproxy', dir: 'reports/haproxy' },
    },
    { name: 'libfaketime', found: findLibfaketime(), install: 'apt-get install faketime', backend: undefined },
  ];
  for (const p of programs) {
    if (p.found) {
      if (p.backend) all.push(p.backend);
      continue;
    }
    if (process.env.CI) {
      console.error(`ztna-harness: ${p.name} is not installed, and CI must run with it (${p.install})`);
      return undefined;
    }
    console.warn(
      `\n${'*'.repeat(78)}\n*** ${p.name} is not installed: ${p.backend ? `the ${p.name} profile is SKIPPED` : 'real proxies run on the wall clock'} (CI installs it) ***\n${'*'.repeat(78)}\n`,
    );
  }
  return all;
}

async function main(): Promise<number> {
  const runs = backends();
  if (!runs) return 1;
  let ok = true;
  for (const r of runs) ok = (await run(`cucumber-js -p ${r.profile}`, cucumber, ['-p', r.profile])) && ok;
  if (runs.some((r) => r.backend === 'nginx')) {
    // A target file as a user writes one: provisioned identities, a reload command, real nginx.
    const args = [
      'bin/ztna-harness.js',
      'run',
      '--target',
      'scenarios/targets/nginx.yaml',
      '--reports',
      'reports/target-file',
      'features/revocation.feature',
    ];
    ok =
      (await run(
        'ztna-harness run --target scenarios/targets/nginx.yaml features/revocation.feature',
        process.execPath,
        args,
      )) && ok;
    await run(
      "stop the target file's nginx",
      'sh',
      ['-c', 'kill "$(cat scenarios/targets/nginx-export/nginx.pid)" 2>/dev/null; true'],
      30,
    );
  }
  ok =
    (await run('cucumber-js -p default --parallel 2', cucumber, [
      '-p',
      'default',
      '--parallel',
      '2',
      '--format-options',
      JSON.stringify({ ztna: { reportsDir: 'reports/parallel' } }),
    ])) && ok;

  const serial = loadReport(join(root, 'reports', 'compliance.json'));
  const parallel = loadReport(join(root, 'reports', 'parallel', 'compliance.json'));
  const statuses = (m: typeof serial) => JSON.stringify(m.scenarios.map((s) => [s.id, s.status]));
  if (statuses(serial) !== statuses(parallel)) {
    console.error('ztna-harness: --parallel 2 gave other results than the serial run');
    ok = false;
  } else console.log(`\n--parallel 2 matches the serial run (${serial.scenarios.length} scenarios)`);

  const diff = differential(
    runs.map((r) => ({ backend: r.backend, model: loadReport(join(root, r.dir, 'compliance.json')) })),
  );
  const text = renderDifferential(diff);
  writeFileSync(join(root, 'reports', 'differential.md'), text);
  writeFileSync(join(root, 'reports', 'differential.json'), `${JSON.stringify(diff, null, 2)}\n`);
  console.log(`\n${text}`);
  if (comparedShare(diff) < MIN_COMPARED) {
    console.error(
      `ztna-harness: only ${diff.comparedOnAll} of ${diff.requestScenarios} request-sending scenarios ran on every backend (at least ${MIN_COMPARED * 100} % must)`,
    );
    ok = false;
  }
  if (diff.disagreements.length > 0)
    console.error(
      `ztna-harness: the backends disagree on ${diff.disagreements.length} point(s): see reports/differential.md`,
    );
  return ok && diff.disagreements.length === 0 ? 0 : 1;
}

main().then((code) => (process.exitCode = code));
