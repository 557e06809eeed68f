import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { programRuns, skipUnlessInstalled } from '../../test/required-program';
import { freePort } from './free-port';

const ROOT = join(__dirname, '..', '..');
const alive = (pid: number): boolean => spawnSync('kill', ['-0', String(pid)], { stdio: 'ignore' }).status === 0;

// A real nginx, started by the reload command of a provisioned target file (as scenarios/targets
// /nginx.yaml does), must not outlive the run that started it.
test('file-target/nginx-started-by-the-reload-command-stops-when-the-run-ends', {
  timeout: 60_000,
  skip: skipUnlessInstalled(programRuns('nginx'), 'nginx', 'Debian: apt-get install nginx-light'),
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-file-target-'));
  try {
    const port = await freePort();
    copyFileSync(join(ROOT, 'scenarios', 'targets', 'nginx-reload.sh'), join(dir, 'nginx-reload.sh'));
    const target = join(dir, 'nginx.yaml');
    writeFileSync(
      target,
      readFileSync(join(ROOT, 'scenarios', 'targets', 'nginx.yaml'), 'utf8').replace(/18443/g, String(port)),
    );
    const script = `
      const { createLab, loadScenario } = require('./src/lab');
      const { createTarget } = require('./src/target');
      (async () => {
        const lab = await createLab({ ...loadScenario('scenarios/single-site.yaml').spec, clockStart: Date.now() });
        const target = await createTarget(${JSON.stringify(target)}, lab);
        await target.close();
        lab.close();
        process.stdout.write(require('node:fs').readFileSync(${JSON.stringify(join(dir, 'nginx-export', 'nginx.pid'))}, 'utf8'));
      })();`;
    const child = spawnSync(process.execPath, ['--require', 'ts-node/register/transpile-only', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 50_000,
    });
    assert.equal(child.status, 0, child.stderr);
    const pid = Number(child.stdout.trim());
    assert.ok(pid > 1, child.stdout);
    const deadline = Date.now() + 5_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(alive(pid), false, `nginx ${pid} still runs after the run ended`);
  } finally {
    spawnSync('sh', ['-c', `kill "$(cat ${join(dir, 'nginx-export', 'nginx.pid')})" 2>/dev/null`]);
    rmSync(dir, { recursive: true, force: true });
  }
});

// A target file describes one proxy enforcing one access proxy of the lab; a scenario that
// switches to another access proxy must not be sent there (it would meet the wrong policy and
// could pass a check for the wrong reason).
test('file-target/another-access-proxy-is-not-applicable', async () => {
  const { createLab } = await import('../lab');
  const { FileTarget } = await import('./file-target');
  const lab = await createLab({ clockStart: Date.now(), gateways: [{ name: 'fgt-a' }, { name: 'fgt-b' }] });
  const file = (gateway?: string) => ({
    file: '/x/t.yaml',
    name: 'lab-nginx',
    url: 'https://127.0.0.1:1',
    insecure: false,
    timeoutMs: 1000,
    reading: {},
    identities: 'provisioned' as const,
    provisioned: { exportDir: '/x/e', reload: 'true', gateway },
    statics: [],
  });
  try {
    const byDefault = new FileTarget(file() as never, lab);
    assert.equal(byDefault.check({ url: 'https://a/' }), undefined, 'a request for the default access proxy goes');
    assert.equal(
      byDefault.check({ url: 'https://a/', gateway: 'fgt-a' }),
      undefined,
      'the first access proxy is the default',
    );
    assert.match(
      byDefault.check({ url: 'https://a/', gateway: 'fgt-b' })?.notApplicable ?? '',
      /enforces access proxy "fgt-a" only \(provisioned\.gateway\); this request is for "fgt-b"/,
    );
    const forB = new FileTarget(file('fgt-b') as never, lab);
    assert.equal(forB.check({ url: 'https://a/', gateway: 'fgt-b' }), undefined);
    assert.match(forB.check({ url: 'https://a/', gateway: 'fgt-a' })?.notApplicable ?? '', /"fgt-b" only/);
    await Promise.all([byDefault.close(), forB.close()]);
  } finally {
    lab.dispose();
  }
});
