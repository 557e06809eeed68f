import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capture } from '../../test/cli/capture';
import { LAB_ACTIONS } from '../lab';
import { SERVE_HELP } from './serve-command';

test('serve/help-lists-every-lab-action: --help is generated from the one action table', async () => {
  const { status, stdout } = await capture(['serve', '--help']);
  assert.equal(status, 0);
  assert.equal(stdout, SERVE_HELP);
  for (const name of Object.keys(LAB_ACTIONS)) assert.match(stdout, new RegExp(`POST /admin/${name} \\{`), name);
  assert.match(stdout, /POST \/admin\/advance-seconds \{"seconds": N\} \(formerly advance-clock\)/);
});

const BAD: [string, string[], RegExp][] = [
  ['serve/no-scenario', ['serve'], /serve needs --scenario FILE/],
  [
    'serve/port-out-of-range',
    ['serve', '--scenario', 'scenarios/single-site.yaml', '--port', '70000'],
    /--port expects a TCP port from 1 to 65535, not "70000"/,
  ],
  [
    'serve/admin-port-not-a-number',
    ['serve', '--scenario', 'scenarios/single-site.yaml', '--admin-port', 'x'],
    /--admin-port expects a positive whole number/,
  ],
  ['serve/unknown-option', ['serve', '--listen', '1'], /serve: Unknown option '--listen'/],
];
for (const [name, argv, message] of BAD) {
  test(name, async () => {
    const { status, stderr } = await capture(argv);
    assert.equal(status, 2);
    assert.match(stderr, message);
  });
}

test('serve/short-admin-token-is-refused-before-anything-listens', async () => {
  const saved = process.env.ZTNA_HARNESS_ADMIN_TOKEN;
  process.env.ZTNA_HARNESS_ADMIN_TOKEN = 'short';
  try {
    const { status, stderr } = await capture(['serve', '--scenario', 'scenarios/single-site.yaml']);
    assert.equal(status, 2);
    assert.match(stderr, /ZTNA_HARNESS_ADMIN_TOKEN has 5 characters; at least 16 are needed/);
  } finally {
    if (saved === undefined) delete process.env.ZTNA_HARNESS_ADMIN_TOKEN;
    else process.env.ZTNA_HARNESS_ADMIN_TOKEN = saved;
  }
});
