import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { badInput } from '../errors';

/** What `run` was asked to run: feature paths for cucumber and scenario files to turn into features. */
export interface RunInputs {
  readonly features: readonly string[];
  readonly scenarios: readonly string[];
}

const isYaml = (file: string): boolean => ['.yaml', '.yml'].includes(extname(file));

/** Scenario files directly in `dir` (target files live in a subfolder and are not labs). */
const yamlIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter(isYaml)
    .sort()
    .map((f) => join(dir, f));

/**
 * The labs of a scenarios folder: its own YAML files and those of `fortios/`, the labs of the
 * FortiOS configurations beside them. No other subfolder: `targets/` holds target files.
 */
const scenariosIn = (dir: string): string[] => {
  const fortios = join(dir, 'fortios');
  return [...yamlIn(dir), ...(existsSync(fortios) && statSync(fortios).isDirectory() ? yamlIn(fortios) : [])];
};

/** cucumber's file:line form (one or more lines) selecting scenarios of a feature file. */
const LINES = /((?::\d+)+)$/;

/**
 * Sorts the paths given to `run` into features and scenario files; with none, `features/` and
 * the scenario files of `scenarios/` (and `scenarios/fortios/`) in the working directory.
 */
export function resolveRunInputs(paths: readonly string[], cwd: string): RunInputs {
  if (paths.length === 0) {
    return {
      features: existsSync(join(cwd, 'features')) ? ['features'] : [],
      scenarios: existsSync(join(cwd, 'scenarios'))
        ? scenariosIn(join(cwd, 'scenarios')).map((f) => relative(cwd, f))
        : [],
    };
  }
  const features: string[] = [];
  const scenarios: string[] = [];
  for (const path of paths) {
    const bare = existsSync(resolve(cwd, path)) ? path : path.replace(LINES, '');
    const full = resolve(cwd, bare);
    if (!existsSync(full)) throw badInput(`no such file or folder: ${path}`);
    if (isYaml(bare)) scenarios.push(bare);
    else if (statSync(full).isDirectory() && !readdirSync(full).some((f) => f.endsWith('.feature')))
      scenarios.push(...scenariosIn(full));
    else features.push(path);
  }
  return { features, scenarios };
}

/** Every .feature file under `dir`, sorted. */
const featuresUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? featuresUnder(join(dir, entry.name))
        : entry.name.endsWith('.feature')
          ? [join(dir, entry.name)]
          : [],
    )
    .sort();

// Characters glob reads as patterns. cucumber expands every path it is given as a glob (with
// backslashes as separators), so a file named lab[prod].feature would match nothing and the run
// would pass with no scenario: each is wrapped in a class of its own, which matches only itself.
const GLOB_MAGIC = /[*?[\]{}()!+@]/g;

/**
 * The patterns to give cucumber for the feature paths `run` was given, each matching exactly
 * that file: folders are listed here (cucumber would glob inside them), glob characters are
 * escaped, and a path with lines is also passed as written so that cucumber's line filter (which
 * compares the text) selects its scenarios.
 */
export function cucumberPaths(features: readonly string[], cwd: string): string[] {
  return features.flatMap((path) => {
    const lines = existsSync(resolve(cwd, path)) ? '' : (LINES.exec(path)?.[1] ?? '');
    const full = resolve(cwd, lines ? path.slice(0, -lines.length) : path);
    const files = statSync(full).isDirectory() ? featuresUnder(full) : [full];
    return files.flatMap((file) => {
      const literal = globLiteral(file);
      return lines && literal !== file ? [literal, `${file}${lines}`] : [`${literal}${lines}`];
    });
  });
}

/** A glob matching `file` only; a backslash (a separator to cucumber's glob) becomes `?`, checked to match nothing else. */
function globLiteral(file: string): string {
  if (file.includes('\\')) {
    const name = basename(file);
    const like = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '\\' ? '[^/]' : `\\${c}`))}$`);
    const others = readdirSync(dirname(file)).filter((entry) => entry !== name && like.test(entry));
    if (others.length > 0)
      throw badInput(
        `cannot run ${file} alone: cucumber reads a backslash as a folder separator, and ${others[0]} beside it would run too; rename one of them`,
      );
    if (dirname(file).includes('\\'))
      throw badInput(
        `cannot run ${file}: cucumber reads a backslash in a folder name as a folder separator; rename the folder`,
      );
  }
  return file.replace(GLOB_MAGIC, '[$&]').replace(/\\/g, '?');
}
