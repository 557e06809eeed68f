import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder of ztna-harness's own package.json, whether running from src/ or from dist/. */
const PACKAGE_ROOT: string = findRoot(__dirname);

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'ztna-harness') return dir;
    if (dirname(dir) === dir) throw new Error(`ztna-harness: package.json not found above ${start}`);
  }
}

/** The package's name and version, for reports and --version. */
export const PACKAGE: { readonly name: string; readonly version: string } = JSON.parse(
  readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'),
);

/** A file shipped with the package (schemas, controls, features, steps). */
export const packageFile = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
