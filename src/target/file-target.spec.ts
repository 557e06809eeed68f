import { freePort } from './free-port';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { programRuns, skipUnlessInstalled } from '../../test/required-program';

const ROOT = join(__dirname, '..', '..');
const alive = (pid: number): boolean => spawnSync('kill', ['-0', String(pid)], { stdio: 'ignore' }).status === 0;


// A real nginx, started by the reload command of a provisioned target file (as scenarios/targets
// /nginx.yaml does), must not outlive the run that started it.
test('file-target/nginx-started-by-the-reload-command-stops-when-the-run-ends', { timeout: 60_000, skip: skipUnlessInstalled(programRuns('nginx'), 'nginx', 'Debian: apt-get install nginx-light') }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-file-target-'));
  try {
    const port = await freePort();
    copyFileSync(join(ROOT, 'scenarios', 'targets', 'nginx-reload.sh'), join(dir, 'nginx-reload.sh'));
    const target = join(dir, 'nginx.yaml');
    writeFileSync(target, readFileSync(join(ROOT, 'scenarios', 'targets', 'nginx.yaml'), 'utf8').replace(/18443/g, String(port)));
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
    const child = spawnSync(process.execPath, ['--require', 'ts-node/register/transpile-only', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 50_000 });
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
