import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLab } from '../../src/lab';
import { loadReport } from '../../src/report';
import { capture } from './capture';

const FIXTURES = join(__dirname, '..', 'fixtures', 'audit');

test('audit: high findings exit 1, with reports the gate reads and refuses', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-audit-'));
  const run = await capture(['audit', '--gateway', join(FIXTURES, 'ec-shm-list.txt'), '--ems', join(FIXTURES, 'ems-export.csv'), '--reports', dir]);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /^high +AC-3 +unregistered-endpoint-present 0123456789ABCDEF0123456789ABCDEF/m);
  assert.match(run.stdout, /^high +IA-3 +gateway-record-missing AB12CD34EF56AB12CD34EF56AB12CD34/m);
  const report = loadReport(join(dir, 'compliance.json')); // schema and digest checked
  assert.equal(report.run.target.kind, 'audit');
  assert.deepEqual(report.scenarios.filter((s) => s.status === 'failed').map((s) => s.controls[0]).sort(), ['AC-3', 'IA-3']);
  assert.ok(readFileSync(join(dir, 'junit.xml'), 'utf8').includes('gateway-record-missing'));
  const gate = await capture(['gate', join(dir, 'compliance.json')]);
  assert.equal(gate.status, 1);
  assert.match(gate.stdout + gate.stderr, /unmet: control AC-3/);
});

test('audit: a consistent lab (engine diagnose output and EMS registry) exits 0 and the gate passes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-audit-'));
  const lab = await createLab({ ems: { serial: 'FCTEMS8822001975' }, endpoints: [{ name: 'pc-1' }, { name: 'pc-2' }] });
  const gateway = join(dir, 'gateway.txt');
  writeFileSync(gateway, `FGT # diagnose endpoint record list\n${lab.gateway().diagnoseRecordList()}`);
  const ems = join(dir, 'ems.csv');
  const rows = lab.ems.registry.list().map((e) => `${e.status},${e.uid},${e.certSn},${e.site},${e.hostName}`);
  writeFileSync(ems, `registration_status,uid,cert_sn,site,host_name\n${rows.join('\n')}\n`);
  const run = await capture(['audit', '--gateway', gateway, '--ems', ems, '--expect-ems-serial', 'FCTEMS8822001975', '--expect-tenant', '0'.repeat(32), '--reports', dir]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal((await capture(['gate', join(dir, 'compliance.json')])).status, 0);
});

test('audit: a malformed dump is bad input, named by file and line, exit 2', async () => {
  const run = await capture(['audit', '--gateway', join(FIXTURES, 'malformed-cert-sn.txt')]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^ztna-harness: \S+malformed-cert-sn\.txt:\d+: Client cert SN "XYZ" is not 40 hexadecimal characters\n$/);
  assert.equal((await capture(['audit'])).status, 2);
});
