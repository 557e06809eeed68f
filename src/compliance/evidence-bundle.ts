/**
 * The signed evidence bundle: `reports/evidence.intoto.json`, a DSSE envelope around an in-toto
 * Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md) whose
 * subjects are every report file with its SHA-256 and whose predicate says which run made them.
 */

import type { KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { badInput } from '../errors';
import { KINDS, loadJsonFile } from '../input';
import { sha256 } from './digest';
import { asEnvelope, type DsseEnvelope, signEnvelope, verifyEnvelope } from './dsse';
import type { RunModel } from './run-model';

/** The bundle's file name inside a reports directory. */
export const EVIDENCE_BUNDLE = 'evidence.intoto.json';
/** DSSE payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** The predicate ztna-harness writes; docs/reports.md describes its fields. */
export const PREDICATE_TYPE = 'urn:ztna-harness:predicate:evidence:v1';

export interface Subject {
  readonly name: string;
  readonly digest: { readonly sha256: string };
}

export interface EvidenceStatement {
  readonly _type: typeof STATEMENT_TYPE;
  readonly subject: readonly Subject[];
  readonly predicateType: typeof PREDICATE_TYPE;
  readonly predicate: {
    readonly tool: RunModel['tool'];
    readonly runId: string;
    readonly commit: string | null;
    readonly target: RunModel['run']['target'];
    readonly startedAt: string;
    readonly finishedAt: string | null;
    readonly summary: RunModel['summary'];
  };
}

// Not evidence: the bundle itself, the writers' lock and temporary files, hidden files.
const signed = (name: string): boolean => name !== EVIDENCE_BUNDLE && !name.startsWith('.') && !name.endsWith('.tmp');

/** Every report file under `dir`, as `/`-separated paths relative to it, sorted. */
export function reportFilesOf(dir: string): string[] {
  const walk = (at: string): string[] =>
    readdirSync(at, { withFileTypes: true })
      .filter((e) => signed(e.name))
      .flatMap((e) => {
        const path = join(at, e.name);
        return e.isDirectory() ? walk(path) : e.isFile() ? [relative(dir, path).split(sep).join('/')] : [];
      });
  return walk(dir).sort();
}

const subjectOf = (dir: string, name: string): Subject => ({
  name,
  digest: { sha256: sha256(readFileSync(join(dir, name))) },
});

/** The statement over the files of `dir`, for the run `model`. */
export function evidenceStatement(dir: string, model: RunModel): EvidenceStatement {
  const { tool, run, summary } = model;
  return {
    _type: STATEMENT_TYPE,
    subject: reportFilesOf(dir).map((name) => subjectOf(dir, name)),
    predicateType: PREDICATE_TYPE,
    predicate: {
      tool,
      runId: run.id,
      commit: run.gitCommit,
      target: run.target,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      summary,
    },
  };
}

/** The envelope's JSON text: the statement signed with `key`. */
export function signedBundle(statement: EvidenceStatement, key: KeyObject): string {
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, Buffer.from(JSON.stringify(statement), 'utf8'), key);
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** What verification found wrong; empty when the signature is good and every file matches. */
export interface Verification {
  readonly problems: readonly string[];
  readonly subjects: number;
}

// A subject names a file inside the reports directory, never one elsewhere on the machine.
const inside = (name: string): boolean => name !== '' && !name.startsWith('/') && !name.split('/').includes('..');

function statementOf(envelope: DsseEnvelope, file: string): EvidenceStatement {
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE)
    throw badInput(
      `${file}: payloadType is ${JSON.stringify(envelope.payloadType)}; expected ${IN_TOTO_PAYLOAD_TYPE}`,
      { file },
    );
  let statement: Partial<EvidenceStatement>;
  try {
    statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
  } catch {
    throw badInput(`${file}: the payload is not JSON`, { file });
  }
  const subjects = statement?.subject;
  const ok =
    statement?._type === STATEMENT_TYPE &&
    Array.isArray(subjects) &&
    subjects.every(
      (s) => typeof s?.name === 'string' && inside(s.name) && /^[0-9a-f]{64}$/.test(s?.digest?.sha256 ?? ''),
    );
  if (!ok) throw badInput(`${file}: the payload is not an in-toto ${STATEMENT_TYPE} with sha256 subjects`, { file });
  return statement as EvidenceStatement;
}

/** Reads the bundle in `dir` and checks its signature and every file against it. */
export function verifyBundle(dir: string, publicKey: KeyObject): Verification {
  const file = join(dir, EVIDENCE_BUNDLE);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw badInput(`${dir}: not a directory`, { file: dir });
  if (!statSync(file, { throwIfNoEntry: false }))
    throw badInput(`cannot read ${file}: ENOENT (sign the reports first: ztna-harness report sign)`, { file });
  const envelope = asEnvelope(loadJsonFile(file, KINDS.evidenceBundle).value, file);
  const statement = statementOf(envelope, file);
  const problems: string[] = [];
  if (!verifyEnvelope(envelope, publicKey))
    problems.push(`${EVIDENCE_BUNDLE}: the signature does not verify with this public key`);
  for (const { name, digest } of statement.subject) {
    const stat = statSync(join(dir, name), { throwIfNoEntry: false });
    if (!stat?.isFile()) problems.push(`${name}: signed but missing`);
    else if (subjectOf(dir, name).digest.sha256 !== digest.sha256)
      problems.push(`${name}: changed since it was signed`);
  }
  const names = new Set(statement.subject.map((s) => s.name));
  for (const name of reportFilesOf(dir))
    if (!names.has(name)) problems.push(`${name}: not covered by the signature (added after signing)`);
  return { problems, subjects: statement.subject.length };
}
