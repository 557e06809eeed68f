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
import { after, describe, test } from 'node:test';
import { HarnessError } from '../errors';
import { prepareOutputDir, writeFileAtomically } from './output-files';

const root = mkdtempSync(join(tmpdir(), 'ztna-output-files-'));
const badInput = (pattern: RegExp) => (error: unknown) =>
  error instanceof HarnessError && error.code === 'BAD_INPUT' && pattern.test(error.message);

describe('output folders and files', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  test('dir/missing-folders-are-created', () => {
    const dir = join(root, 'a', 'b', 'c');
    assert.equal(prepareOutputDir(dir), dir);
    assert.ok(statSync(dir).isDirectory());
  });

  test('dir/an-existing-file-is-bad-input', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    assert.throws(() => prepareOutputDir(file), badInput(/^the output folder exists and is not a folder$/));
    assert.throws(
      () => prepareOutputDir(join(file, 'below')),
      badInput(/^cannot create the output folder .*: ENOTDIR$/),
    );
  });

  test('dir/a-symbolic-link-is-refused-unless-followed', () => {
    const real = join(root, 'real');
    mkdirSync(real);
    const link = join(root, 'link');
    symlinkSync(real, link);
    assert.throws(() => prepareOutputDir(link), badInput(/symbolic link; .*--follow-symlinks/));
    assert.equal(prepareOutputDir(link, { followSymlinks: true }), real);
    const dangling = join(root, 'dangling');
    symlinkSync(join(root, 'nowhere'), dangling);
    assert.throws(() => prepareOutputDir(dangling, { followSymlinks: true }), badInput(/symbolic link to nothing/));
    assert.throws(() => prepareOutputDir(dangling), badInput(/symbolic link;/));
    assert.equal(readdirSync(root).includes('nowhere'), false, 'nothing created through the link');
  });

  test('file/replaces-a-link-at-its-path-never-writes-through-it', () => {
    const dir = prepareOutputDir(join(root, 'out'));
    const victim = join(root, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, join(dir, 'server.key'));
    writeFileAtomically(join(dir, 'server.key'), 'KEY\n', 0o600);
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
    assert.equal(lstatSync(join(dir, 'server.key')).isSymbolicLink(), false);
    assert.equal(readFileSync(join(dir, 'server.key'), 'utf8'), 'KEY\n');
  });

  test('file/mode-is-exact-whatever-the-umask-and-no-temporary-is-left', () => {
    const dir = prepareOutputDir(join(root, 'modes'));
    const old = process.umask(0o000);
    try {
      writeFileAtomically(join(dir, 'id.key'), 'k', 0o600);
      writeFileAtomically(join(dir, 'id.crt'), 'c');
    } finally {
      process.umask(old);
    }
    assert.equal(statSync(join(dir, 'id.key')).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'id.crt')).mode & 0o777, 0o644);
    assert.deepEqual(readdirSync(dir).sort(), ['id.crt', 'id.key']);
  });

  test('file/temporary-names-are-random', () => {
    // Two writers of one file never share a temporary: each name is new (and opened with O_EXCL).
    const dir = prepareOutputDir(join(root, 'random'));
    const seen = new Set<string>();
    const rename = require('node:fs').renameSync as typeof import('node:fs').renameSync;
    const fs = require('node:fs') as { renameSync: typeof rename };
    fs.renameSync = (from, to) => {
      seen.add(String(from));
      rename(from, to);
    };
    try {
      for (let i = 0; i < 5; i++) writeFileAtomically(join(dir, 'report.json'), String(i));
    } finally {
      fs.renameSync = rename;
    }
    assert.equal(seen.size, 5);
    for (const name of seen) assert.match(name, /\/\.report\.json\.[0-9a-f]{16}\.tmp$/);
  });
});
