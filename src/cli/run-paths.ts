import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { badInput } from '../errors';

/** What `run` was asked to run: feature paths for cucumber and scenario files to turn into features. */
export interface RunInputs {
  readonly features: readonly string[];
  readonly scenarios: readonly string[];
}

const isYaml = (file: string): boolean => ['.yaml', '.yml'].includes(extname(file));

/** Scenario files directly in `dir` (target files live in a subfolder and are not labs). */
const yamlIn = (dir: string): string[] => readdirSync(dir).filter(isYaml).sort().map((f) => join(dir, f));

/**
 * Sorts the paths given to `run` into features and scenario files; with none, `features/` and
 * the scenario files of `scenarios/` in the working directory.
 */
export function resolveRunInputs(paths: readonly string[], cwd: string): RunInputs {
  if (paths.length === 0) {
    return {
      features: existsSync(join(cwd, 'features')) ? ['features'] : [],
      scenarios: existsSync(join(cwd, 'scenarios')) ? yamlIn(join(cwd, 'scenarios')).map((f) => relative(cwd, f)) : [],
    };
  }
  const features: string[] = [];
  const scenarios: string[] = [];
  for (const path of paths) {
    const bare = path.replace(/:\d+$/, ''); // cucumber's file:line form selects one scenario
    if (!existsSync(join(cwd, bare)) && !existsSync(bare)) throw badInput(`no such file or folder: ${path}`);
    if (isYaml(bare)) scenarios.push(path);
    else if (statSync(bare).isDirectory() && !readdirSync(bare).some((f) => f.endsWith('.feature'))) scenarios.push(...yamlIn(bare));
    else features.push(path);
  }
  return { features, scenarios };
}
