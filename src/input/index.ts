/**
 * The one loader: every file the harness reads goes through here — bounded regular-file reads,
 * strict UTF-8, strict YAML and JSON, one schema validator, bad input at file:line:col.
 */
export { type FileKind, KINDS, MAX_ALIASES, MAX_BYTES, MAX_NESTING } from './limits';
export {
  type DataPath,
  type LocatedDocument,
  loadJsonFile,
  loadYamlFile,
  parseLocatedJson,
  parseLocatedYaml,
} from './located-document';
export { type OutputDirOptions, prepareOutputDir, writeFileAtomically } from './output-files';
export { decodeUtf8, readRegularFile, readTextFile } from './regular-file';
export { assertMatchesSchema, schemaValidator } from './schema-check';
export { parseStrictYaml, type StrictYaml } from './strict-yaml';
