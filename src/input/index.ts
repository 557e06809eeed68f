/**
 * The one loader: every file the harness reads goes through here — bounded regular-file reads,
 * strict UTF-8, strict YAML and JSON, one schema validator, bad input at file:line:col.
 */
export { KINDS, MAX_ALIASES, MAX_BYTES, MAX_NESTING, type FileKind } from './limits';
export { decodeUtf8, readRegularFile, readTextFile } from './regular-file';
export { parseStrictYaml, type StrictYaml } from './strict-yaml';
export { loadJsonFile, loadYamlFile, parseLocatedJson, parseLocatedYaml, type DataPath, type LocatedDocument } from './located-document';
export { assertMatchesSchema, schemaValidator } from './schema-check';
export { prepareOutputDir, writeFileAtomically, type OutputDirOptions } from './output-files';
