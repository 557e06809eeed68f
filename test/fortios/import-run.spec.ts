/**
 * `ztna-harness import fortios` end to end: a shipped configuration imported, validated and run
 * (exit 0, reports written); a check expecting the wrong decision fails (exit 1) naming the rule
 * that decided and its line in the configuration; `--fortigate` against a fake FortiGate REST API
 * over HTTPS takes the right token, refuses a wrong one with exit 2, and never shows the token;
 * `export --format fortios` writes a configuration that validates and imports again.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { reportError } from '../../src/cli/cli-error';
import { exportCommand } from '../../src/cli/export-command';
import { importCommand } from '../../src/cli/import-command';
import { validateCommand } from '../../src/cli/validate-command';
import { packageFile } from '../../src/package-root';
import { type FakeFortigate, GOOD_TOKEN, startFakeFortigate } from '../fixtures/fortios/fake-fortigate-api';

const work = mkdtempSync(join(tmpdir(), 'ztna-import-'));
after(() => rmSync(work, { recursive: true, force: true }));
const SAMPLE = packageFile('scenarios', 'fortios', 'https-access-proxy.conf');
const BIN = packageFile('bin', 'ztna-harness.js');

const COMMANDS = { import: importCommand, validate: validateCommand, export: exportCommand } as const;

/**
 * A command in this process with streams of its own (swapping process.stdout would swallow the
 * test runner's own report), errors reported as main() reports them.
 */
async function capture([name, ...argv]: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: { write: (text: string) => out.push(text) } };
  let status: number;
  try {
    status = await COMMANDS[name as keyof typeof COMMANDS](argv, io);
  } catch (error) {
    status = reportError(error, { write: (text: string) => err.push(text) > 0 } as unknown as NodeJS.WritableStream);
  }
  return { status, stdout: out.join(''), stderr: err.join('') };
}

/** `ztna-harness run` in a child process (cucumber runs there); its output and exit status. */
function run(lab: string, reports: string, env: NodeJS.ProcessEnv = process.env) {
  const child = spawnSync(process.execPath, [BIN, 'run', lab, '--reports', reports], {
    cwd: work,
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

const reportsText = (dir: string) =>
  readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'latin1'))
    .join('\n');

describe('import fortios FILE', () => {
  const lab = join(work, 'lab.yaml');

  test('import/sample-then-validate-then-run', async () => {
    const imported = await capture(['import', 'fortios', SAMPLE, '--out', lab]);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /wrote .*lab\.yaml: gateway FGT-A \(VDOM root, FortiOS 7\.2\.5\)/);
    assert.match(imported.stdout, /https-access-proxy\.conf:76:9: warning: firewall proxy-policy: srcintf is not read/);
    const text = readFileSync(lab, 'utf8');
    assert.match(text, /# firewall proxy-policy 2 "ZTNA-webserver" — .*https-access-proxy\.conf:83/);
    assert.match(text, /ems:\n {2}serial: FCTEMS8822001975/);
    assert.match(text, /fctems:\n(?: {6}#.*\n)? {6}name: ems133/);
    const validated = await capture(['validate', lab]);
    assert.equal(validated.status, 0, validated.stderr);
    assert.match(validated.stdout, /valid \(3 endpoints, 3 checks\)/);
    const reports = join(work, 'reports-ok');
    const ran = run(lab, reports);
    assert.equal(ran.status, 0, ran.output);
    for (const file of ['compliance.json', 'junit.xml', 'compliance.html'])
      assert.ok(existsSync(join(reports, file)), file);
    const report = JSON.parse(readFileSync(join(reports, 'compliance.json'), 'utf8'));
    const scenarios = JSON.stringify(report).match(/"status":"passed"/g)?.length ?? 0;
    assert.ok(scenarios >= 3, `${scenarios} passed entries in compliance.json`);
  });

  test('import/wrong-expectation-names-the-deciding-rule', () => {
    // The imported lab (FortiOS spelling): its derived check for rule 2 expects allow; now deny.
    const wrong = join(work, 'wrong.yaml');
    const text = readFileSync(lab, 'utf8');
    const edited = text.replace(
      /(- name: rule ZTNA-webserver decides [^\n]*\n(?: {4}[^\n]*\n)*? {4}expect: )allow/,
      '$1deny',
    );
    assert.notEqual(edited, text, 'the derived check of rule ZTNA-webserver is in the imported lab');
    writeFileSync(wrong, edited);
    // The same configuration run through fortios-config:, with the same wrong expectation.
    const direct = join(work, 'direct.yaml');
    writeFileSync(
      direct,
      `ems: { serial: FCTEMS8822001975 }\nendpoints: [{ name: low, tags: [Low] }]\ngateways: [{ name: fgt-a, fortios-config: ${JSON.stringify(SAMPLE)} }]\nchecks:\n  - { name: low is denied, endpoint: low, url: "https://web.example.com:9443/", expect: deny }\n`,
    );
    const ran = run(`${wrong}`, join(work, 'reports-wrong'));
    assert.equal(ran.status, 1, ran.output);
    const named = /to be denied, but it was allowed \(ALLOW; rule ZTNA-webserver \(([^)]*wrong\.yaml):(\d+)\)/.exec(
      ran.output,
    );
    assert.ok(named, ran.output);
    // The rule's line in the lab carries the comment naming its line in the configuration.
    const lines = edited.split('\n');
    assert.match(
      lines[Number(named[2]) - 2]!,
      /# firewall proxy-policy 2 "ZTNA-webserver" — .*https-access-proxy\.conf:83$/,
    );
    const ranDirect = run(direct, join(work, 'reports-direct'));
    assert.equal(ranDirect.status, 1, ranDirect.output);
    assert.match(
      ranDirect.output,
      /but it was allowed \(ALLOW; rule ZTNA-webserver \([^)]*https-access-proxy\.conf:83\)/,
    );
  });

  test('import/bad-config-exit-2-with-file-line-col', async () => {
    const bad = join(work, 'bad.conf');
    writeFileSync(bad, 'config firewall vip\n    edit "v"\n    next\nend\nend\n');
    const result = await capture(['import', 'fortios', bad, '--out', join(work, 'never.yaml')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /bad\.conf:5:1: unbalanced end/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack');
    assert.equal(existsSync(join(work, 'never.yaml')), false);
  });

  test('import/access-proxy-that-is-not-there', async () => {
    const result = await capture([
      'import',
      'fortios',
      SAMPLE,
      '--access-proxy',
      'nope',
      '--out',
      join(work, 'x.yaml'),
    ]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /has no access-proxy "nope" in VDOM root; it has: "ZTNA-webserver"/);
  });
});

describe('import fortios --fortigate', () => {
  let fgt: FakeFortigate;
  let ca: string;
  const saved = process.env.FORTIGATE_API_TOKEN;
  before(async () => {
    fgt = await startFakeFortigate({ config: readFileSync(SAMPLE, 'utf8') });
    ca = join(work, 'fgt-ca.pem');
    writeFileSync(ca, fgt.ca);
  });
  after(async () => {
    if (saved === undefined) delete process.env.FORTIGATE_API_TOKEN;
    else process.env.FORTIGATE_API_TOKEN = saved;
    await fgt.close();
  });

  test('fetch/right-token-imports-and-runs-without-showing-it', async () => {
    process.env.FORTIGATE_API_TOKEN = GOOD_TOKEN;
    const lab = join(work, 'live.yaml');
    const result = await capture(['import', 'fortios', '--fortigate', fgt.url, '--ca', ca, '--out', lab]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stdout,
      /fetched \d+ bytes of configuration from https:\/\/127\.0\.0\.1:\d+\/api\/v2\/monitor\/system\/config\/backup\?scope=global \(GET\)/,
    );
    assert.equal(fgt.requests.at(-1)?.authorization, `Bearer ${GOOD_TOKEN}`, 'the token went in the header');
    const reports = join(work, 'reports-live');
    const ran = run(lab, reports, { ...process.env, FORTIGATE_API_TOKEN: GOOD_TOKEN });
    assert.equal(ran.status, 0, ran.output);
    for (const text of [result.stdout, result.stderr, readFileSync(lab, 'utf8'), ran.output, reportsText(reports)])
      assert.equal(text.includes(GOOD_TOKEN), false, 'the token never shows');
    assert.doesNotMatch(readFileSync(lab, 'utf8'), /TLS verification was OFF/);
  });

  test('fetch/insecure-is-said-in-the-output-and-the-lab', async () => {
    process.env.FORTIGATE_API_TOKEN = GOOD_TOKEN;
    const lab = join(work, 'insecure.yaml');
    const result = await capture(['import', 'fortios', '--fortigate', fgt.url, '--insecure', '--out', lab]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /insecure: TLS verification of https:\/\/127\.0\.0\.1:\d+ is OFF/);
    assert.match(readFileSync(lab, 'utf8'), /# WARNING: TLS verification was OFF \(--insecure\)/);
  });

  test('fetch/wrong-token-exit-2', async () => {
    process.env.FORTIGATE_API_TOKEN = 'wrong-token-0123456789abcdef';
    const result = await capture([
      'import',
      'fortios',
      '--fortigate',
      fgt.url,
      '--ca',
      ca,
      '--out',
      join(work, 'no.yaml'),
    ]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /refused the API token \(HTTP 401\): check FORTIGATE_API_TOKEN/);
    assert.equal(`${result.stdout}${result.stderr}`.includes('wrong-token-0123456789abcdef'), false);
    assert.equal(existsSync(join(work, 'no.yaml')), false);
  });

  test('fetch/no-ca-means-verification-fails-exit-2', async () => {
    process.env.FORTIGATE_API_TOKEN = GOOD_TOKEN;
    const result = await capture(['import', 'fortios', '--fortigate', fgt.url, '--out', join(work, 'no.yaml')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /failed verification .*--ca/);
    assert.equal(result.stderr.includes(GOOD_TOKEN), false);
  });

  test('fetch/unknown-vdom-exit-2', async () => {
    process.env.FORTIGATE_API_TOKEN = GOOD_TOKEN;
    const result = await capture([
      'import',
      'fortios',
      '--fortigate',
      fgt.url,
      '--ca',
      ca,
      '--vdom',
      'nope',
      '--out',
      join(work, 'no.yaml'),
    ]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /HTTP 404/);
  });
});

describe('export --format fortios', () => {
  test('export/lab-as-fortios-validates-and-imports', async () => {
    const conf = join(work, 'single-site.conf');
    const exported = await capture([
      'export',
      '--format',
      'fortios',
      '--scenario',
      packageFile('scenarios', 'single-site.yaml'),
      '--out',
      conf,
    ]);
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stdout, /as FortiOS 7\.4 configuration .* EMS serial FCTEMS8822001975/);
    const text = readFileSync(conf, 'utf8');
    assert.match(text, /^#config-version=FGVM64-7\.4\.2-FW-/);
    assert.match(text, /set serial-number "FCTEMS8822001975"/);
    assert.match(text, /edit "EMS1_ZTNA_HR"\n\s+set type dynamic\n\s+set sub-type ems-tag\n\s+set obj-tag "HR"/);
    const validated = await capture(['validate', conf]);
    assert.equal(validated.status, 0, validated.stderr);
    assert.match(
      validated.stdout,
      /valid FortiOS configuration \(FortiOS 7\.4\.2; VDOM root: 1 access proxies, 2 ZTNA rules, 1 EMS connectors; 0 unread/,
    );
    const imported = await capture(['import', 'fortios', conf, '--out', join(work, 'again.yaml')]);
    assert.equal(imported.status, 0, imported.stderr);
  });

  test('export/flat-rule-with-a-path-is-refused', async () => {
    const lab = join(work, 'path.yaml');
    writeFileSync(
      lab,
      'gateways:\n  - name: fgt\n    rules:\n      - { name: docs, host: wiki.example.com, path: /docs, action: accept }\n',
    );
    const result = await capture([
      'export',
      '--format',
      'fortios',
      '--scenario',
      lab,
      '--out',
      join(work, 'path.conf'),
    ]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /rule "docs" is for the path \/docs: a FortiOS ZTNA rule has no path/);
  });
});
