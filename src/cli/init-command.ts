import { appendFileSync, existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { badInput } from '../errors';
import { prepareOutputDir, writeFileAtomically } from '../input';
import { packageFile } from '../package-root';
import { parseCommandArgs } from './args';
import { EXIT } from './cli-error';

export const INIT_HELP = `Usage: ztna-harness init [DIR] [--force]

Scaffolds a starter for your ZTNA rollout in DIR (default: the working directory):

  features/*.feature                    one example feature per behaviour, tagged @control:<id>
  features/step_definitions/own.steps.js  a step of your own beside the library's
  scenarios/lab.yaml                    a YAML lab (policy as code) with a checks: table
  cucumber.cjs                          loads the ztna-harness steps, your steps and the
                                        compliance report formatter
  ztna-gate.yaml                        the gate policy CI enforces
  ci/ztna-harness.sh                    a CI step for any CI that runs a shell
  .github/workflows/ztna-harness.yml    a GitHub Actions job: uploads the reports, fails on the gate
  .gitignore                            gains reports/ and exports/ (exports hold private keys);
                                        created if missing, lines already there are kept

Then: npx ztna-harness run && npx ztna-harness gate reports/compliance.json --policy ztna-gate.yaml

Options:
  --force      overwrite files that exist (without it init writes nothing when one exists)
  -h, --help   this help

Exit status: 0 scaffolded, 2 a file exists (without --force) or bad input.
`;

/** The starter's files, as shipped in the package's templates/ folder. */
const TEMPLATES = packageFile('templates');

/** One file to write: where it comes from and where it goes, relative to the target folder. */
interface Planned {
  readonly source: string;
  readonly target: string;
}

/** Every file under `dir`, as paths relative to `base`, sorted. */
function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesUnder(join(dir, entry.name), base) : [relative(base, join(dir, entry.name))],
    )
    .sort();
}

/**
 * Where a template goes. templates/github/ becomes .github/: a dot-folder inside the package
 * would be easy to miss, and GitHub must not mistake it for this repository's own workflows.
 */
const targetOf = (template: string): string => (template.startsWith(`github${sep}`) ? `.${template}` : template);

/** The starter's files and where each goes in `dir`. */
export function initPlan(dir: string): Planned[] {
  return filesUnder(TEMPLATES).map((template) => ({
    source: join(TEMPLATES, template),
    target: join(dir, targetOf(template)),
  }));
}

/** `ztna-harness init [DIR] [--force]` */
export async function initCommand(argv: string[], cwd = process.cwd()): Promise<number> {
  const { values, positionals } = parseCommandArgs('init', argv, { force: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(INIT_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1)
    throw badInput(`init: expected at most one folder, got ${positionals.length} (see ztna-harness init --help)`);
  const dir = resolve(cwd, positionals[0] ?? '.');
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw badInput(`init: ${dir} is not a folder`);
  const plan = initPlan(dir);
  assertGitignoreWritable(dir);
  const existing = plan
    .filter((file) => existsSync(file.target))
    .map((file) => relative(cwd, file.target) || file.target);
  if (existing.length > 0 && !values.force) {
    throw badInput(
      `init: these files exist already, nothing was written (use --force to overwrite them):\n  ${existing.join('\n  ')}`,
    );
  }
  // Never through a link: every folder is checked (and created one level at a time) before the
  // first file is written, and a file is replaced by rename, so a link pre-placed at a
  // template's path is replaced, never written through.
  const folders = new Set(plan.map(({ target }) => dirname(target)));
  refuseLinkedFolders(dir, folders, cwd);
  for (const folder of folders) prepareOutputDir(folder);
  for (const { source, target } of plan) {
    writeFileAtomically(target, readFileSync(source), target.endsWith('.sh') ? 0o755 : 0o644);
    process.stdout.write(
      `${existing.includes(relative(cwd, target)) ? 'overwrote' : 'created'}  ${relative(cwd, target) || target}\n`,
    );
  }
  const ignore = ensureGitignore(dir);
  if (ignore !== 'unchanged') process.stdout.write(`${ignore}  ${relative(cwd, join(dir, '.gitignore'))}\n`);
  process.stdout.write(nextSteps(relative(cwd, dir)));
  return EXIT.ok;
}

/** Refuses, before anything is written, a folder under `root` on the way to `folders` that is a symbolic link. */
function refuseLinkedFolders(root: string, folders: Iterable<string>, cwd: string): void {
  for (const folder of folders) {
    for (let at = folder; at !== root && at.startsWith(`${root}${sep}`); at = dirname(at)) {
      const stats = lstatSync(at, { throwIfNoEntry: false });
      if (stats?.isSymbolicLink())
        throw badInput(
          `init: ${relative(cwd, at)} is a symbolic link; init does not write through one, and wrote nothing`,
        );
    }
  }
}

/** Where `export` output belongs in a scaffolded project; the folder holds private keys. */
const EXPORTS_DIR = 'exports';

/** What .gitignore must keep out of the repository: run output, and exports with their private keys. */
const IGNORED: readonly string[] = ['reports/', `${EXPORTS_DIR}/`];

/** The entry a .gitignore line stands for, so that `/reports`, `reports` and `reports/` count as one. */
const entryOf = (line: string): string => line.trim().replace(/^\//, '').replace(/\/$/, '');

/** A .gitignore that is a folder, a device or a symlink is refused before anything is written (init never writes through a link). */
function assertGitignoreWritable(dir: string): void {
  const file = join(dir, '.gitignore');
  if (!existsSync(file) && !isLink(file)) return;
  if (isLink(file) || !lstatSync(file).isFile())
    throw badInput(
      `init: ${file} is not a regular file; init adds reports/ and ${EXPORTS_DIR}/ to it and writes only regular files`,
    );
}

const isLink = (file: string): boolean => {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
};

/**
 * Adds IGNORED to DIR/.gitignore, creating it if missing; entries already there (in any of
 * git's spellings) are not repeated, so running init again changes nothing.
 */
export function ensureGitignore(dir: string): 'created' | 'updated' | 'unchanged' {
  const file = join(dir, '.gitignore');
  const present = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const have = new Set((present ?? '').split(/\r?\n/).map(entryOf));
  const missing = IGNORED.filter((entry) => !have.has(entryOf(entry)));
  if (missing.length === 0) return 'unchanged';
  const separator = present === undefined || present === '' ? '' : present.endsWith('\n') ? '\n' : '\n\n';
  appendFileSync(
    file,
    `${separator}# ztna-harness: run reports, and exports (they hold private keys)\n${missing.join('\n')}\n`,
  );
  return present === undefined ? 'created' : 'updated';
}

function nextSteps(dir: string): string {
  const cd = dir ? `  cd ${dir}\n` : '';
  return `
Next:
${cd}  npx ztna-harness run              # features/ and scenarios/*.yaml; reports in reports/
  npx ztna-harness gate reports/compliance.json --policy ztna-gate.yaml
  npx ztna-harness export --scenario scenarios/lab.yaml --out ${EXPORTS_DIR}/lab   # git-ignored: private keys
Your own steps go in features/step_definitions/ (see own.steps.js).
`;
}
