import { existsSync } from 'node:fs';
import { badInput } from '../errors';
import { assertMatchesSchema, KINDS, loadJsonFile, readTextFile } from '../input';
import { packageFile } from '../package-root';
import { sha256 } from './digest';
import { MODEL_VERSION, type RunModel } from './run-model';

/** The JSON Schema of compliance.json. */
export const REPORT_SCHEMA_FILE = packageFile('schemas', 'compliance-report.schema.json');

/**
 * Reads a compliance.json: it must be JSON of this model version, match the schema, and — when
 * a `.sha256` file sits beside it — match that digest. Any failure is bad input naming the file.
 */
export function loadReport(file: string): RunModel {
  const doc = loadJsonFile<RunModel>(file, KINDS.report);
  const version = (doc.value as { modelVersion?: unknown } | null)?.modelVersion;
  if (version !== undefined && version !== MODEL_VERSION) {
    throw badInput(
      `compliance report: model version ${JSON.stringify(version)}; this ztna-harness reads version ${MODEL_VERSION}`,
      doc.locate(['modelVersion']),
    );
  }
  assertMatchesSchema(REPORT_SCHEMA_FILE, doc, KINDS.report.what);
  assertDigest(file, doc.bytes);
  return doc.value;
}

// Over the file's bytes, as sha256sum -c checks it: a decoded text would hide a byte changed
// into another that decodes alike.
function assertDigest(file: string, bytes: Buffer): void {
  const digestFile = `${file}.sha256`;
  if (!existsSync(digestFile)) return;
  const expected = /^([0-9a-f]{64})\b/.exec(readTextFile(digestFile, KINDS.digest).trim())?.[1];
  if (!expected)
    throw badInput(`${digestFile}: expected a SHA-256 digest in sha256sum format`, {
      file: digestFile,
      line: 1,
      column: 1,
    });
  const actual = sha256(bytes);
  if (actual !== expected) {
    throw badInput(
      `compliance report does not match its digest: ${digestFile} says ${expected}, the file hashes to ${actual}`,
      { file },
    );
  }
}
