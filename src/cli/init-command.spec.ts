/** `ztna-harness init` and .gitignore: reports and exports (private keys) stay out of the repository. */
import assert from 'node:assert/strict';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { HarnessError } from '../errors';
import { ensureGitignore, initCommand } from './init-command';

const WORK = mkdtempSync(join(tmpdir(), 'ztna-init-gitignore-'));
after(() => rmSync(WORK, { recursive: true, force: true }));

const HEADER = '# ztna-harness: run reports, and exports (they hold private keys)';

const CASES: readonly { name: string; before?: string; after: string; outcome: string }[] = [
  { name: 'gitignore/created', after: `${HEADER}\nreports/\nexports/\n`, outcome: 'created' },
  {
    name: 'gitignore/appended',
    before: 'node_modules/\n',
    after: `node_modules/\n\n${HEADER}\nreports/\nexports/\n`,
    outcome: 'updated',
  },
  {
    name: 'gitignore/appended-without-final-newline',
    before: 'dist',
    after: `dist\n\n${HEADER}\nreports/\nexports/\n`,
    outcome: 'updated',
  },
  {
    name: 'gitignore/only-what-is-missing',
    before: '/reports\n',
    after: `/reports\n\n${HEADER}\nexports/\n`,
    outcome: 'updated',
  },
  {
    name: 'gitignore/crlf-entries-count',
    before: 'reports/\r\nexports\r\n',
    after: 'reports/\r\nexports\r\n',
    outcome: 'unchanged',
  },
  { name: 'gitignore/empty-file', before: '', after: `${HEADER}\nreports/\nexports/\n`, outcome: 'updated' },
];

for (const [i, { name, before, after: expected, outcome }] of CASES.entries()) {
  test(name, () => {
    const dir = join(WORK, `case-${i}`);
    mkdirSync(dir);
    if (before !== undefined) writeFileSync(join(dir, '.gitignore'), before);
    assert.equal(ensureGitignore(dir), outcome);
    assert.equal(readFileSync(join(dir, '.gitignore'), 'utf8'), expected);
    assert.equal(ensureGitignore(dir), 'unchanged', 'a second run adds nothing');
    assert.equal(readFileSync(join(dir, '.gitignore'), 'utf8'), expected);
  });
}

async function init(argv: string[], cwd: string): Promise<string> {
  const write = process.stdout.write;
  let stdout = '';
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (typeof chunk !== 'string') return write.call(process.stdout, chunk, ...rest);
    stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    assert.equal(await initCommand(argv, cwd), 0);
    return stdout;
  } finally {
    process.stdout.write = write;
  }
}

test('init/gitignore-written-and-idempotent', async () => {
  const dir = join(WORK, 'project');
  const first = await init([dir], WORK);
  assert.match(first, /^created {2}project\/\.gitignore$/m);
  assert.match(first, /--out exports\/lab/);
  const written = readFileSync(join(dir, '.gitignore'), 'utf8');
  assert.deepEqual(
    written.split('\n').filter((l) => l && !l.startsWith('#')),
    ['reports/', 'exports/'],
  );
  const second = await init(['--force'], dir);
  assert.doesNotMatch(second, /\.gitignore/);
  assert.equal(readFileSync(join(dir, '.gitignore'), 'utf8'), written);
});

test('init/gitignore-symlink-refused', async () => {
  const dir = join(WORK, 'linked');
  mkdirSync(dir);
  writeFileSync(join(WORK, 'elsewhere'), 'keep\n');
  symlinkSync(join(WORK, 'elsewhere'), join(dir, '.gitignore'));
  await assert.rejects(
    initCommand([dir], WORK),
    (error: HarnessError) => error.code === 'BAD_INPUT' && /not a regular file/.test(error.message),
  );
  assert.equal(readFileSync(join(WORK, 'elsewhere'), 'utf8'), 'keep\n');
});

test('init/template-path-that-is-a-link-is-replaced-not-written-through', async () => {
  const dir = join(WORK, 'pre-placed');
  mkdirSync(join(dir, 'features'), { recursive: true });
  const victim = join(WORK, 'victim.txt');
  writeFileSync(victim, 'keep\n');
  symlinkSync(victim, join(dir, 'ztna-gate.yaml'));
  await init([dir, '--force'], WORK);
  assert.equal(readFileSync(victim, 'utf8'), 'keep\n', 'the link target is untouched');
  assert.equal(
    lstatSync(join(dir, 'ztna-gate.yaml')).isSymbolicLink(),
    false,
    'the link itself was replaced by the template',
  );
  assert.ok(statSync(join(dir, 'ci', 'ztna-harness.sh')).mode & 0o100, 'scripts stay executable');
});

test('init/folder-that-is-a-link-is-refused', async () => {
  const dir = join(WORK, 'linked-folder');
  mkdirSync(dir);
  const outside = mkdtempSync(join(tmpdir(), 'ztna-init-outside-'));
  symlinkSync(outside, join(dir, 'features'));
  await assert.rejects(
    initCommand([dir], WORK),
    (error: HarnessError) => error.code === 'BAD_INPUT' && /symbolic link/.test(error.message),
  );
  assert.deepEqual(readdirSync(outside), [], 'nothing was written through the link');
  assert.deepEqual(readdirSync(dir), ['features'], 'and nothing else was written before the refusal');
});
