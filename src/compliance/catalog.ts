import { badInput } from '../errors';
import { assertMatchesSchema, KINDS, parseLocatedYaml, readTextFile } from '../input';
import { packageFile } from '../package-root';
import { sha256 } from './digest';

/** One control the suite evidences, as the catalog describes it. */
export interface ControlEntry {
  readonly id: string;
  readonly framework: string;
  readonly title: string;
  readonly description: string;
}

/** The validated control catalog: entries in file order, and the digest of the file read. */
export interface ControlCatalog {
  readonly file: string;
  readonly digest: string;
  readonly controls: readonly ControlEntry[];
}

/** The catalog shipped with the harness. */
export const DEFAULT_CATALOG_FILE = packageFile('controls', 'catalog.yaml');
const CATALOG_SCHEMA = packageFile('src', 'compliance', 'control-catalog.schema.json');

/** Parses and validates catalog YAML; errors are bad input at the offending key. */
export function parseCatalog(text: string, file: string): ControlCatalog {
  const doc = parseLocatedYaml(text, file, KINDS.catalog.what);
  assertMatchesSchema(CATALOG_SCHEMA, doc, KINDS.catalog.what);
  const controls = (doc.value as { controls: ControlEntry[] }).controls;
  const seen = new Set<string>();
  controls.forEach((control, index) => {
    if (seen.has(control.id)) {
      throw badInput(`control catalog: duplicate control id "${control.id}"`, doc.locate(['controls', index, 'id']));
    }
    seen.add(control.id);
  });
  const digest = sha256(text);
  return { file, digest, controls: controls.map((c) => Object.freeze({ ...c })) };
}

/** Reads the catalog at `file` (the shipped one by default). */
export function loadCatalog(file: string = DEFAULT_CATALOG_FILE): ControlCatalog {
  return parseCatalog(readTextFile(file, KINDS.catalog), file);
}

/** Whether the catalog lists `id`. */
export const isCatalogued = (catalog: ControlCatalog, id: string): boolean =>
  catalog.controls.some((control) => control.id === id);
