import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { fingerprintOf } from '../../src/audit/collect/host-key';
import { type FakeFortigate, rsaKey, startFakeFortigate } from './fake-fortigate-ssh';

const ROOT = join(__dirname, '..', '..');
const TEMPLATES = join(ROOT, 'templates');
const hostKey = rsaKey();
const clientKey = rsaKey('nightly passphrase');
const fakes: FakeFortigate[] = [];
after(() => Promise.all(fakes.map((f) => f.close())));

/**
 * A scaffolded repository whose `npx` runs this checkout's CLI: a shim first on PATH stands in
 * for npx (which would look for an installed package), so the scheduled job runs as written.
 */
async function repository(): Promise<{ dir: string; env: NodeJS.ProcessEnv; port: number }> {
  const device = await startFakeFortigate({
    hostKey: hostKey.privatePem,
    version: '7.4.1',
    user: 'ztna-audit',
    authorizedKey: clientKey.parsed,
  });
  fakes.push(device);
  const dir = mkdtempSync(join(tmpdir(), 'ztna-schedule-'));
  mkdirSync(join(dir, 'ci'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(TEMPLATES, 'ztna-gate.yaml'), join(dir, 'ztna-gate.yaml'));
  writeFileSync(
    join(dir, 'ci', 'ztna-gateways.txt'),
    `${readFileSync(join(TEMPLATES, 'ci', 'ztna-gateways.txt'), 'utf8')}ssh://ztna-audit@127.0.0.1:${device.port}\n`,
  );
  writeFileSync(
    join(dir, 'bin', 'npx'),
    `#!/bin/sh\n# stands in for npx: drops --no-install and the package name\nshift 2\nexec "${process.execPath}" "${join(ROOT, 'bin', 'ztna-harness.js')}" "$@"\n`,
  );
  chmodSync(join(dir, 'bin', 'npx'), 0o755);
  const blob = hostKey.parsed.getPublicSSH();
  const env = {
    PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
    HOME: dir,
    RUNNER_TEMP: join(dir, 'runner-temp'),
    ZTNA_AUDIT_SSH_KEY: clientKey.privatePem,
    ZTNA_AUDIT_KNOWN_HOSTS: `[127.0.0.1]:${device.port} ssh-rsa ${blob.toString('base64')}`,
    ZTNA_HARNESS_SSH_PASSPHRASE: 'nightly passphrase',
  };
  mkdirSync(env.RUNNER_TEMP);
  return { dir, env, port: device.port };
}

/** Runs a script without blocking this process, which serves the fake FortiGate meanwhile. */
const sh = (
  script: string,
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile('sh', ['-c', script], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });

test('schedule/github-workflow-audits-nightly-uploads-and-gates', async () => {
  const workflow = parse(readFileSync(join(TEMPLATES, 'github', 'workflows', 'ztna-harness.yml'), 'utf8'));
  assert.ok(workflow.on.schedule[0].cron);
  const job = workflow.jobs['ztna-live-audit'];
  assert.match(job.if, /github\.event_name == 'schedule'/);
  const steps: { name?: string; run?: string; env?: Record<string, string>; with?: { path?: string } }[] = job.steps;
  const auditStep = steps.find((step) => step.name === 'Audit the FortiGates')!;
  assert.equal(auditStep.env!.ZTNA_AUDIT_SSH_KEY, '${{ secrets.ZTNA_AUDIT_SSH_KEY }}');
  assert.equal(auditStep.env!.ZTNA_AUDIT_KNOWN_HOSTS, '${{ secrets.ZTNA_AUDIT_KNOWN_HOSTS }}');
  assert.ok(steps.some((step) => step.with?.path === 'reports/audit/'));
  const gate = steps.find((step) => step.name === 'Gate')!;
  const { dir, env } = await repository();
  const audit = await sh(auditStep.run!, dir, env);
  assert.equal(audit.status, 0, audit.stdout + audit.stderr);
  assert.match(audit.stdout, /^collected ztna-audit@127\.0\.0\.1:\d+: FortiOS 7\.4\.1/m);
  assert.ok(existsSync(join(dir, 'reports', 'audit', 'compliance.json')));
  assert.equal((await sh(gate.run!, dir, env)).status, 0);
  assert.ok(!existsSync(join(env.RUNNER_TEMP!, 'ztna-audit')), 'the key file is removed after the step');
});

test('schedule/shell-snippet-fails-on-the-gate-when-a-host-key-changed', async () => {
  const { dir, env, port } = await repository();
  const good = await sh(join(TEMPLATES, 'ci', 'ztna-live-audit.sh'), dir, env);
  assert.equal(good.status, 0, good.stdout + good.stderr);
  const otherKey = rsaKey().parsed.getPublicSSH();
  const changed = await sh(join(TEMPLATES, 'ci', 'ztna-live-audit.sh'), dir, {
    ...env,
    ZTNA_AUDIT_KNOWN_HOSTS: `[127.0.0.1]:${port} ssh-rsa ${otherKey.toString('base64')}`,
  });
  assert.equal(changed.status, 1, changed.stdout + changed.stderr);
  assert.match(
    changed.stderr,
    new RegExp(
      `host key CHANGED: .* the device offers ssh-rsa ${fingerprintOf(hostKey.parsed.getPublicSSH()).replace(/[+/]/g, '\\$&')}`,
    ),
  );
  assert.ok(!changed.stdout.includes('BEGIN RSA') && !changed.stderr.includes('nightly passphrase'));
});
