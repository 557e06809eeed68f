/**
 * Bad command lines and hostile surroundings for the commands that take files, ports and
 * folders: each is exit 2 with one line (never an internal error, a stack trace or a hang),
 * and a closed stdout ends a command quietly.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { renderJson } from '../../src/compliance';
import { passingModel } from '../fixtures/report/sample-model';
import { capture } from '../cli/capture';

const ROOT = join(__dirname, '..', '..');
const AUDIT = join(ROOT, 'test', 'fixtures', 'audit');
const SCENARIO = join(ROOT, 'scenarios', 'single-site.yaml');
const dir = mkdtempSync(join(tmpdir(), 'ztna-bad-commands-'));
const fifo = join(dir, 'a-fifo');
const aFile = join(dir, 'a-file');
const report = join(dir, 'compliance.json');
let busy: Server;
let busyPort = 0;
let freePort = 0;

/** Spawns the command (a real process: serve must not listen inside the test runner) and returns its status and output. */
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['bin/ztna-harness.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });

const oneLine = (stderr: string): string => {
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, got:\n${stderr}`);
  return lines[0]!;
};

describe('bad command lines', () => {
  before(async () => {
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    writeFileSync(aFile, 'mine\n');
    writeFileSync(report, renderJson(passingModel()));
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    freePort = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
  });
  after(() => {
    busy.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const IN_PROCESS: [string, () => string[], RegExp][] = [
    ['audit/gateway-fifo', () => ['audit', '--gateway', fifo, '--reports', join(dir, 'r1')], /^ztna-harness: .*a-fifo: cannot read the audit input file: it is not a regular file$/],
    ['audit/gateway-dev-zero', () => ['audit', '--gateway', '/dev/zero', '--reports', join(dir, 'r1')], /^ztna-harness: \/dev\/zero: cannot read the audit input file: it is not a regular file$/],
    ['audit/ems-serial-not-fctems', () => ['audit', '--gateway', join(AUDIT, 'ec-shm-list.txt'), '--expect-ems-serial', 'FGT60F0000000000', '--reports', join(dir, 'r2')], /^ztna-harness: --expect-ems-serial expects an EMS serial number, FCTEMS and 10 digits \(e\.g\. FCTEMS8822001234\), not "FGT60F0000000000"$/],
    ['audit/reports-is-a-file', () => ['audit', '--gateway', join(AUDIT, 'ec-shm-list.txt'), '--reports', aFile], /^ztna-harness: .*a-file: the output folder exists and is not a folder$/],
    ['report-merge/out-is-a-file', () => ['report', 'merge', report, '--out', aFile], /^ztna-harness: .*a-file: the output folder exists and is not a folder$/],
    ['export/port-99999', () => ['export', '--scenario', SCENARIO, '--out', join(dir, 'e1'), '--port', '99999'], /^ztna-harness: --port expects a TCP port from 1 to 65535, not "99999"$/],
    ['export/out-is-a-file', () => ['export', '--scenario', SCENARIO, '--out', aFile], /^ztna-harness: .*a-file: the output folder exists and is not a folder$/],
  ];
  for (const [name, args, message] of IN_PROCESS) {
    test(`command/${name}`, { timeout: 30_000 }, async () => {
      const { status, stderr } = await capture(args());
      assert.equal(status, 2, stderr);
      assert.match(oneLine(stderr), message);
    });
  }

  test('export/out-is-a-symbolic-link-refused-then-followed-when-asked', { timeout: 60_000 }, async () => {
    const real = join(dir, 'someone-elses');
    mkdirSync(real);
    const link = join(dir, 'export-link');
    symlinkSync(real, link);
    const refused = await capture(['export', '--scenario', SCENARIO, '--out', link]);
    assert.equal(refused.status, 2, refused.stderr);
    assert.match(oneLine(refused.stderr), /export-link: the output folder is a symbolic link; .*--follow-symlinks/);
    const followed = await capture(['export', '--scenario', SCENARIO, '--out', link, '--follow-symlinks']);
    assert.equal(followed.status, 0, followed.stderr);
    assert.match(readFileSync(join(real, 'server-ca.pem'), 'utf8'), /BEGIN CERTIFICATE/);
  });

  test('export/a-pre-placed-identities-link-is-not-followed', { timeout: 60_000 }, async () => {
    const out = join(dir, 'e-identities');
    const victim = join(dir, 'victim');
    mkdirSync(out);
    mkdirSync(victim);
    symlinkSync(victim, join(out, 'identities'));
    const r = await capture(['export', '--scenario', SCENARIO, '--out', out]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(oneLine(r.stderr), /identities: the output folder is a symbolic link/);
  });

  const SERVE: [string, () => string[], NodeJS.ProcessEnv, RegExp][] = [
    ['serve/port-99999', () => ['serve', '--scenario', SCENARIO, '--port', '99999'], {}, /^ztna-harness: --port expects a TCP port from 1 to 65535, not "99999"$/],
    ['serve/port-in-use', () => ['serve', '--scenario', SCENARIO, '--port', String(busyPort)], {}, /^ztna-harness: --port \d+: the port is in use/],
    ['serve/admin-port-in-use', () => ['serve', '--scenario', SCENARIO, '--port', String(freePort), '--admin-port', String(busyPort)], {}, /^ztna-harness: --admin-port \d+: the port is in use/],
    ['serve/empty-admin-token', () => ['serve', '--scenario', SCENARIO], { ZTNA_HARNESS_ADMIN_TOKEN: '' }, /^ztna-harness: ZTNA_HARNESS_ADMIN_TOKEN has 0 characters; at least 16 are needed/],
    ['serve/short-admin-token', () => ['serve', '--scenario', SCENARIO], { ZTNA_HARNESS_ADMIN_TOKEN: 'hunter2' }, /^ztna-harness: ZTNA_HARNESS_ADMIN_TOKEN has 7 characters; at least 16 are needed/],
  ];
  for (const [name, args, env, message] of SERVE) {
    test(`command/${name}`, { timeout: 60_000 }, () => {
      const r = cli(args(), env);
      assert.equal(r.status, 2, r.stderr + r.stdout);
      assert.match(oneLine(r.stderr), message);
    });
  }

  test('audit/control-characters-of-a-file-name-printed-escaped', { timeout: 30_000 }, async () => {
    const gateway = join(dir, 'gw\u001b[2K.txt');
    copyFileSync(join(AUDIT, 'endpoint-record-list.txt'), gateway);
    const r = await capture(['audit', '--gateway', gateway, '--ems', join(AUDIT, 'ems-export.csv'), '--reports', join(dir, 'r-escape')]);
    assert.equal(r.status, 1, r.stderr);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for a raw ESC is the point
    assert.doesNotMatch(r.stdout, /\u001b/);
    assert.match(r.stdout, /gw\\u001b\[2K\.txt has no record of it/);
  });

  test('closed-stdout/ends-quietly-without-a-stack-trace', { timeout: 60_000 }, async () => {
    // The reader goes away before the command writes: the next write fails with EPIPE.
    const child = spawn(process.execPath, ['bin/ztna-harness.js', 'audit', '--gateway', join(AUDIT, 'ec-shm-list.txt'), '--ems', join(AUDIT, 'ems-export.csv'), '--reports', join(dir, 'r-pipe')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '', 'nothing on stderr');
    assert.equal(status, 141);
  });
});
