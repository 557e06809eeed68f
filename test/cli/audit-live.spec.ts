import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { utils } from 'ssh2';
import { fingerprintOf } from '../../src/audit/collect/host-key';
import { AUDIT_HELP, auditCommand } from '../../src/cli/audit-command';
import { loadReport } from '../../src/compliance';
import { type FakeFortigate, type FakeFortigateOptions, rsaKey, startFakeFortigate } from './fake-fortigate-ssh';
import { type AuditRun, runAudit } from './run-audit';

const FIXTURES = join(__dirname, '..', 'fixtures', 'audit');
const EMS = join(FIXTURES, 'ems-export.csv');
const PASSWORD = 'Tr0ub4dor&3-not-in-any-report';
const PASSPHRASE = 'correct horse battery staple';
const work = mkdtempSync(join(tmpdir(), 'ztna-audit-live-'));

const hostKey = rsaKey();
const otherHostKey = rsaKey();
const clientKey = rsaKey(PASSPHRASE);
const wrongKey = rsaKey();
const hostBlob = (utils.parseKey(hostKey.privatePem) as ReturnType<typeof rsaKey>['parsed']).getPublicSSH();
const keyFile = (name: string, pem: string): string => {
  const file = join(work, name);
  writeFileSync(file, pem, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
};
const CLIENT_KEY = keyFile('id_rsa', clientKey.privatePem);
const WRONG_KEY = keyFile('id_wrong', wrongKey.privatePem);

const fakes: FakeFortigate[] = [];
const outputs: string[] = [];
async function fake(options: Partial<FakeFortigateOptions> = {}): Promise<FakeFortigate> {
  const started = await startFakeFortigate({
    hostKey: hostKey.privatePem,
    version: '7.4.1',
    user: 'audit',
    authorizedKey: clientKey.parsed,
    password: PASSWORD,
    ...options,
  });
  fakes.push(started);
  return started;
}
after(() => Promise.all(fakes.map((f) => f.close())));

/** known_hosts naming the fakes' ports with the host key: one hashed line, one plain `[host]:port`. */
function knownHosts(ports: readonly number[], blob: Buffer = hostBlob): string {
  const file = join(work, `known_hosts.${ports.join('-')}.${blob.length}.${Math.random().toString(36).slice(2)}`);
  const lines = ports.map((port, i) => {
    const name = `[127.0.0.1]:${port}`;
    if (i % 2 === 1) return `${name} ssh-rsa ${blob.toString('base64')}`;
    const salt = Buffer.from(`salt-${port}-0123456789`).subarray(0, 20);
    const hash = require('node:crypto').createHmac('sha1', salt).update(name).digest('base64');
    return `|1|${salt.toString('base64')}|${hash} ssh-rsa ${blob.toString('base64')}`;
  });
  writeFileSync(file, `# test hosts\n${lines.join('\n')}\n`);
  return file;
}

async function audit(
  args: string[],
  env: Record<string, string> = {},
): Promise<AuditRun & { reports: string; ms: number }> {
  const reports = mkdtempSync(join(work, 'reports-'));
  Object.assign(process.env, env);
  const started = Date.now();
  try {
    const run = await runAudit([...args, '--reports', reports]);
    outputs.push(run.stdout, run.stderr);
    return { ...run, reports, ms: Date.now() - started };
  } finally {
    for (const name of Object.keys(env)) delete process.env[name];
  }
}

const url = (port: number, user = 'audit') => `ssh://${user}@127.0.0.1:${port}`;
const withKey = { ZTNA_HARNESS_SSH_PASSPHRASE: PASSPHRASE };
/** Finding lines with the files they name left out: the live audit reads collected files. */
const findingLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => /^(high|medium|low|info) /.test(line))
    .map((line) =>
      line
        .replace(/ \([^()]*\)$/, '')
        .replace(/ but \S+( \(\S+\))? has/, ' but X has')
        .replace(/\S+\.txt\b/g, 'FILE'),
    );

test('live/good-key-audits-as-the-file-audit-would', async () => {
  const device = await fake();
  const live = await audit(
    ['--gateway', url(device.port), '--ssh-key', CLIENT_KEY, '--known-hosts', knownHosts([device.port]), '--ems', EMS],
    withKey,
  );
  const file = await audit(['--gateway', join(FIXTURES, 'endpoint-record-list.txt'), '--ems', EMS]);
  assert.equal(live.status, file.status, live.stdout + live.stderr);
  assert.deepEqual(findingLines(live.stdout), findingLines(file.stdout));
  assert.ok(findingLines(file.stdout).length > 0);
  assert.match(
    live.stdout,
    new RegExp(
      `collected audit@127.0.0.1:${device.port}: FortiOS 7.4.1, host key ${fingerprintOf(hostBlob).replace(/[+/]/g, '\\$&')} \\(known_hosts\\)`,
    ),
  );
  assert.deepEqual(device.execs, ['get system status', 'diagnose endpoint record list']);
  const folder = join(live.reports, 'collected', `127.0.0.1_${device.port}`);
  assert.deepEqual(readdirSync(folder).sort(), ['diagnose-endpoint-record-list.txt', 'get-system-status.txt']);
  const report = loadReport(join(live.reports, 'compliance.json'));
  for (const name of readdirSync(folder)) {
    const bytes = readFileSync(join(folder, name));
    const input = report.inputs.features.find((f) => f.path === relative(process.cwd(), join(folder, name)));
    assert.ok(input, `${name} in the report's inputs`);
    assert.equal(input.sha256, createHash('sha256').update(bytes).digest('hex'));
  }
  const offline = await audit(['--gateway', join(folder, 'diagnose-endpoint-record-list.txt'), '--ems', EMS]);
  assert.equal(offline.status, live.status, 'the collected file re-audits offline alike');
});

test('live/7.4.2-lists-with-ec-shm-inside-the-vdom-and-fcnacd-when-asked', async () => {
  const device = await fake({ version: '7.4.2', vdoms: ['root', 'tenant-b'] });
  const run = await audit(
    ['--gateway', url(device.port), '--vdom', 'tenant-b', '--fcnacd', '--known-hosts', knownHosts([device.port])],
    { FORTIGATE_SSH_PASSWORD: PASSWORD },
  );
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.deepEqual(device.execs, [
    'get system status',
    'config vdom\nedit tenant-b\ndiagnose endpoint ec-shm list\nend',
    'config vdom\nedit tenant-b\ndiagnose test application fcnacd 7\nend',
  ]);
});

const FAILURES: readonly {
  name: string;
  setup: () => Promise<{ args: string[]; env: Record<string, string> }>;
  status: number;
  message: RegExp;
}[] = [
  {
    name: 'wrong-key',
    setup: async () => {
      const d = await fake();
      return { args: [url(d.port), '--ssh-key', WRONG_KEY, '--known-hosts', knownHosts([d.port])], env: {} };
    },
    status: 1,
    message:
      /collection-failed: audit@127\.0\.0\.1:\d+ was not audited: audit@127\.0\.0\.1:\d+: authentication refused for audit with the key \S+id_wrong/,
  },
  {
    name: 'wrong-password',
    setup: async () => {
      const d = await fake();
      return {
        args: [url(d.port), '--known-hosts', knownHosts([d.port])],
        env: { FORTIGATE_SSH_PASSWORD: 'not-the-password' },
      };
    },
    status: 1,
    message: /authentication refused for audit with the password from FORTIGATE_SSH_PASSWORD/,
  },
  {
    name: 'unknown-host-key',
    setup: async () => {
      const d = await fake();
      return { args: [url(d.port), '--ssh-key', CLIENT_KEY, '--known-hosts', knownHosts([d.port + 1])], env: withKey };
    },
    status: 2,
    message: new RegExp(
      `host key ssh-rsa ${fingerprintOf(hostBlob).replace(/[+/]/g, '\\$&')} is not in \\S+; add it there or pin it with --accept-host-key`,
    ),
  },
  {
    name: 'changed-host-key',
    setup: async () => {
      const d = await fake({ hostKey: otherHostKey.privatePem });
      return { args: [url(d.port), '--ssh-key', CLIENT_KEY, '--known-hosts', knownHosts([d.port])], env: withKey };
    },
    status: 2,
    message: new RegExp(
      `host key CHANGED: \\S+:2 holds another ssh-rsa key for it, the device offers ssh-rsa ${fingerprintOf(otherHostKey.parsed.getPublicSSH()).replace(/[+/]/g, '\\$&')}`,
    ),
  },
  {
    name: 'command-never-returns',
    setup: async () => {
      const d = await fake({ hangOn: 'diagnose endpoint record list' });
      return {
        args: [url(d.port), '--ssh-key', CLIENT_KEY, '--known-hosts', knownHosts([d.port]), '--command-timeout', '1'],
        env: withKey,
      };
    },
    status: 1,
    message: /"diagnose endpoint record list" did not finish within 1 s/,
  },
];

for (const { name, setup, status, message } of FAILURES) {
  test(`live/refused/${name}`, async () => {
    const { args, env } = await setup();
    const run = await audit(['--gateway', ...args], env);
    assert.equal(run.status, status, run.stdout + run.stderr);
    assert.match(run.stdout + run.stderr, message);
    assert.ok(run.ms < 8000, `ended in ${run.ms} ms`);
    assert.match(run.stdout, /^high +AU-3 +collection-failed: /m);
    const report = loadReport(join(run.reports, 'compliance.json'));
    const failed = report.scenarios.find((s) => s.tags.includes('@finding:collection-failed'));
    assert.equal(failed?.status, 'failed');
    assert.match(failed!.location.file, /^ssh:\/\/audit@127\.0\.0\.1:\d+\/$/);
  });
}

test('live/pinned-host-key-is-trusted-and-said-so', async () => {
  const device = await fake({ hostKey: otherHostKey.privatePem });
  const pin = fingerprintOf(otherHostKey.parsed.getPublicSSH());
  const run = await audit(
    [
      '--gateway',
      url(device.port),
      '--ssh-key',
      CLIENT_KEY,
      '--known-hosts',
      knownHosts([device.port]),
      '--accept-host-key',
      pin,
    ],
    withKey,
  );
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /\(pinned by --accept-host-key\)/);
});

test('live/a-failing-device-does-not-stop-the-others-and-sockets-stay-bounded', async () => {
  const meter = { open: 0, peak: 0 };
  const devices = await Promise.all([
    fake({ meter }),
    fake({ meter }),
    fake({ hangOn: 'get system status', meter }),
    fake({ meter }),
    fake({ meter }),
  ]);
  const list = join(work, 'gateways.txt');
  writeFileSync(
    list,
    `# nightly fleet\n${devices.map((d) => url(d.port)).join('\n')}\n\n${join(FIXTURES, 'fcnacd-7.txt')}\n`,
  );
  const run = await audit(
    [
      '--gateways-from',
      list,
      '--ssh-key',
      CLIENT_KEY,
      '--known-hosts',
      knownHosts(devices.map((d) => d.port)),
      '--concurrency',
      '2',
      '--command-timeout',
      '1',
    ],
    withKey,
  );
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.equal((run.stdout.match(/^collected /gm) ?? []).length, 4);
  assert.match(
    run.stdout,
    new RegExp(
      `collection-failed: audit@127.0.0.1:${devices[2].port} was not audited: .*"get system status" did not finish within 1 s`,
    ),
  );
  assert.ok(
    devices.every((d) => d.peak() === 1),
    'one session per device',
  );
  assert.equal(meter.peak, 2, 'never more sessions at once than --concurrency');
  const report = loadReport(join(run.reports, 'compliance.json'));
  assert.ok(
    report.inputs.features.some((f) => f.path.endsWith('fcnacd-7.txt')),
    'dump paths mix with ssh URLs',
  );
});

test('live/bad-credentials-setup-is-bad-input-before-any-connection', async () => {
  const device = await fake();
  const hosts = knownHosts([device.port]);
  const cases: [string[], Record<string, string>, RegExp][] = [
    [
      ['--ssh-key', CLIENT_KEY],
      { ZTNA_HARNESS_SSH_PASSPHRASE: 'wrong passphrase' },
      /--ssh-key \S+: not a usable SSH private key .*ZTNA_HARNESS_SSH_PASSPHRASE/,
    ],
    [[], {}, /needs --ssh-key FILE or the password in FORTIGATE_SSH_PASSWORD/],
    [
      ['--accept-host-key', 'md5:aa'],
      { FORTIGATE_SSH_PASSWORD: PASSWORD },
      /--accept-host-key "md5:aa" is not a SHA256 fingerprint/,
    ],
    [['--vdom', 'root\nexecute factoryreset'], { FORTIGATE_SSH_PASSWORD: PASSWORD }, /--vdom .* is not a VDOM name/],
  ];
  const loose = keyFile('id_loose', clientKey.privatePem);
  chmodSync(loose, 0o644);
  cases.push([['--ssh-key', loose], withKey, /others may read it \(mode 644\)/]);
  for (const [args, env, message] of cases) {
    const run = await audit(['--gateway', url(device.port), '--known-hosts', hosts, ...args], env);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, message);
  }
  assert.deepEqual(device.execs, []);
  const inUrl = await audit(['--gateway', `ssh://audit:${PASSWORD}@127.0.0.1:${device.port}`]);
  assert.equal(inUrl.status, 2);
  assert.match(inUrl.stderr, /a password never goes in the URL/);
  assert.ok(!inUrl.stderr.includes(PASSWORD.slice(4)), 'the message does not repeat it');
});

test('live/no-secret-in-any-report-log-collected-file-or-help', () => {
  const secrets = [
    PASSWORD,
    'not-the-password',
    PASSPHRASE,
    ...[clientKey, wrongKey, hostKey].flatMap((k) => k.privatePem.split('\n').filter((l) => l.length > 40)),
  ];
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) =>
      statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)],
    );
  const texts = [
    AUDIT_HELP,
    ...outputs,
    ...readdirSync(work)
      .filter((n) => n.startsWith('reports-'))
      .flatMap((n) => files(join(work, n)))
      .map((f) => readFileSync(f, 'utf8')),
  ];
  assert.ok(texts.length > 20, `${texts.length} texts scanned`);
  for (const text of texts)
    for (const secret of secrets) assert.ok(!text.includes(secret), `a secret leaked: ${secret.slice(0, 8)}…`);
});

test('live/a-progress-line-per-device-on-a-terminal-only', async () => {
  const device = await fake();
  const args = [
    'audit',
    '--gateway',
    url(device.port),
    '--ssh-key',
    CLIENT_KEY,
    '--known-hosts',
    knownHosts([device.port]),
    '--reports',
    mkdtempSync(join(work, 'reports-')),
  ];
  const lines = async (isTTY: boolean) => {
    const err: string[] = [];
    process.env.ZTNA_HARNESS_SSH_PASSPHRASE = PASSPHRASE;
    try {
      await auditCommand(args.slice(1), {
        stdout: { write: () => true },
        stderr: { isTTY, write: (chunk: string) => err.push(chunk) > 0 },
      });
    } finally {
      delete process.env.ZTNA_HARNESS_SSH_PASSPHRASE;
    }
    outputs.push(err.join(''));
    return err.join('');
  };
  assert.match(
    await lines(true),
    new RegExp(`^\\[1/1\\] audit@127\\.0\\.0\\.1:${device.port}: collected \\(FortiOS 7\\.4\\.1\\)\\n$`),
  );
  assert.equal(await lines(false), '');
});
