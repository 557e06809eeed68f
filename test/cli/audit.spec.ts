import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadReport } from '../../src/compliance';
import { createLab } from '../../src/lab';
import { capture } from './capture';
import { runAudit } from './run-audit';

const FIXTURES = join(__dirname, '..', 'fixtures', 'audit');

test('audit: high findings exit 1, with reports the gate reads and refuses', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-audit-'));
  const run = await capture([
    'audit',
    '--gateway',
    join(FIXTURES, 'ec-shm-list.txt'),
    '--ems',
    join(FIXTURES, 'ems-export.csv'),
    '--reports',
    dir,
  ]);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /^high +AC-3 +unregistered-endpoint-present 0123456789ABCDEF0123456789ABCDEF/m);
  assert.match(run.stdout, /^high +IA-3 +gateway-record-missing AB12CD34EF56AB12CD34EF56AB12CD34/m);
  const report = loadReport(join(dir, 'compliance.json')); // schema and digest checked
  assert.equal(report.run.target.kind, 'audit');
  assert.deepEqual(
    report.scenarios
      .filter((s) => s.status === 'failed')
      .map((s) => s.controls[0])
      .sort(),
    ['AC-3', 'IA-3'],
  );
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
  const run = await capture([
    'audit',
    '--gateway',
    gateway,
    '--ems',
    ems,
    '--expect-ems-serial',
    'FCTEMS8822001975',
    '--expect-tenant',
    '0'.repeat(32),
    '--reports',
    dir,
  ]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal((await capture(['gate', join(dir, 'compliance.json')])).status, 0);
});

test('audit: a malformed dump is bad input, named by file and line, exit 2', async () => {
  const run = await capture(['audit', '--gateway', join(FIXTURES, 'malformed-cert-sn.txt')]);
  assert.equal(run.status, 2);
  assert.match(
    run.stderr,
    /^ztna-harness: \S+malformed-cert-sn\.txt:\d+: Client cert SN "XYZ" is not 40 hexadecimal characters\n$/,
  );
  assert.equal((await capture(['audit'])).status, 2);
});

const SAMPLES = join(__dirname, '..', 'fixtures', 'audit');

test('audit: the published sample (a record without UID) is one low finding, not also a missing record', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-audit-'));
  const ems = join(dir, 'ems.csv');
  writeFileSync(
    ems,
    'uid,host_name,site,cert_sn,registration_status\n9A016B5A6E914B42AD4168C066EB04CA,WIN10-01,default,2B8D4FF0E71FE7E064288FE1B4F87E25232092D0,registered\n',
  );
  const run = await runAudit(['--gateway', join(SAMPLES, 'endpoint-record-list.txt'), '--ems', ems, '--reports', dir]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.deepEqual(
    run.stdout
      .split('\n')
      .filter((line) => /^(high|medium|low|info) /.test(line))
      .map((line) => line.split(/\s+/).slice(0, 3).join(' ')),
    ['low AU-3 gateway-record-without-uid:'],
  );
});

test('audit: two sites, each gateway audits the endpoints of the site it serves', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-audit-'));
  const lab = await createLab({
    ems: { serial: 'FCTEMS8822001975' },
    sites: [{ name: 'default' }, { name: 'CUSTOMER-TEST', tenantId: '5A3C1E7F9B2D4A6C8E0F1A2B3C4D5E6F' }],
    endpoints: [{ name: 'corp-laptop' }, { name: 'customer-laptop', site: 'CUSTOMER-TEST' }],
    gateways: [
      { name: 'fgt-corp', site: 'default' },
      { name: 'fgt-customer', site: 'CUSTOMER-TEST' },
    ],
  });
  const files = ['fgt-corp', 'fgt-customer'].map((name) => {
    const file = join(dir, `${name}.txt`);
    writeFileSync(file, `${name} # diagnose endpoint record list\n${lab.gateway(name).diagnoseRecordList()}`);
    return file;
  });
  const ems = join(dir, 'ems.csv');
  const rows = lab.ems.registry.list().map((e) => `${e.status},${e.uid},${e.certSn},${e.site},${e.hostName}`);
  writeFileSync(ems, `registration_status,uid,cert_sn,site,host_name\n${rows.join('\n')}\n`);
  const inferred = await runAudit(['--gateway', files[0], '--gateway', files[1], '--ems', ems, '--reports', dir]);
  assert.equal(inferred.status, 0, inferred.stdout + inferred.stderr);
  // Named sites override what the records show: fgt-corp said to serve both sites misses one.
  const named = await runAudit([
    '--gateway',
    files[0],
    '--site',
    'default',
    '--site',
    'CUSTOMER-TEST',
    '--gateway',
    files[1],
    '--ems',
    ems,
    '--reports',
    dir,
  ]);
  assert.equal(named.status, 1);
  assert.match(
    named.stdout,
    /gateway-record-missing [0-9A-F]{32}: [0-9A-F]{32} is registered on EMS \(site CUSTOMER-TEST\) but fgt-corp \(\S+fgt-corp\.txt\) has no record of it/,
  );
  assert.equal((named.stdout.match(/gateway-record-missing/g) ?? []).length, 1);
  const unknown = await runAudit(['--gateway', files[0], '--site', 'CUSTOMER', '--ems', ems, '--reports', dir]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /--site "CUSTOMER": \S+ems\.csv has no such site \(it has default, CUSTOMER-TEST\)/);
  assert.equal((await runAudit(['--site', 'default', '--gateway', files[0], '--ems', ems])).status, 2);
});

test('audit: outputs of one FortiGate combine, in one file or several; other output is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-audit-'));
  const ems = join(dir, 'ems.csv');
  writeFileSync(
    ems,
    [
      'uid,host_name,site,cert_sn,registration_status',
      '9A016B5A6E914B42AD4168C066EB04CA,WIN10-01,default,2B8D4FF0E71FE7E064288FE1B4F87E25232092D0,registered',
      '5F3C2E1D0A9B48C7B6E5D4C3B2A19080,MAC-LAB-7,default,,registered',
      '',
    ].join('\n'),
  );
  const list = readFileSync(join(SAMPLES, 'ec-shm-list.txt'), 'utf8')
    .split(/(?=^Record #3:)/m)[0]
    .replace(/^Record #2:[\s\S]*/m, '');
  const fcnacd = readFileSync(join(SAMPLES, 'fcnacd-7.txt'), 'utf8')
    .replace(/9A016B5A6E914B42AD4168C066EB04CA/g, '5F3C2E1D0A9B48C7B6E5D4C3B2A19080')
    .replace(/2B8D4FF0E71FE7E064288FE1B4F87E25232092D0/g, '0'.repeat(40))
    .replace(/^# /m, 'FGT-A (root) # ');
  const both = join(dir, 'session.txt');
  writeFileSync(both, `${list}\n${fcnacd}`);
  const one = await runAudit(['--gateway', both, '--ems', ems, '--reports', dir]);
  assert.doesNotMatch(one.stdout, /gateway-record-missing/, one.stdout);
  writeFileSync(join(dir, 'a.txt'), list);
  writeFileSync(join(dir, 'b.txt'), fcnacd);
  const two = await runAudit([
    '--gateway',
    join(dir, 'a.txt'),
    '--gateway',
    join(dir, 'b.txt'),
    '--ems',
    ems,
    '--reports',
    dir,
  ]);
  assert.doesNotMatch(two.stdout, /gateway-record-missing/, two.stdout);
  const unprompted = join(dir, 'unprompted.txt');
  writeFileSync(unprompted, `${list}${fcnacd.replace(/^.*#.*\n/, '')}`);
  const refused = await runAudit(['--gateway', unprompted, '--reports', dir]);
  assert.equal(refused.status, 2);
  assert.match(
    refused.stderr,
    /unprompted\.txt:\d+: output of "diagnose test application fcnacd 7" inside that of "diagnose endpoint record list"/,
  );
});
