import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { badInput } from '../errors';
import { KINDS } from './limits';
import type { DataPath, LocatedDocument } from './located-document';
import { readTextFile } from './regular-file';

// The one validator of the harness: every schema (scenario, target, gate policy, catalog,
// compliance report) is compiled here with the same options and its errors read the same way.
const ajv = addFormats(
  new Ajv2020({ allErrors: false, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true }),
);
const compiled = new Map<string, ValidateFunction>();

/** Compiles (once) the JSON Schema stored in `schemaFile`, a file shipped with the package. */
export function schemaValidator(schemaFile: string): ValidateFunction {
  let validate = compiled.get(schemaFile);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readTextFile(schemaFile, KINDS.schema)) as object);
    compiled.set(schemaFile, validate);
  }
  return validate;
}

/**
 * Throws bad input at the offending key's file:line:col when `doc` does not match the schema in
 * `schemaFile`, saying where, which key and what was expected. `what` names the kind of file.
 */
export function assertMatchesSchema(schemaFile: string, doc: LocatedDocument, what: string): void {
  const validate = schemaValidator(schemaFile);
  if (validate(doc.value)) return;
  const error = pickError(validate.errors ?? []);
  const { path, key, problem } = describeError(error, what);
  throw badInput(problem, doc.locate(path, key));
}

// The deepest error points closest to the mistake; at equal depth a combinator's own error
// (carrying its schema's description) says more than the errors of its branches.
function pickError(errors: readonly ErrorObject[]): ErrorObject {
  const depth = Math.max(...errors.map((error) => pointerToPath(error.instancePath).length));
  const deepest = errors.filter((error) => pointerToPath(error.instancePath).length === depth);
  return deepest.find((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf') ?? deepest[0]!;
}

interface Described {
  readonly path: DataPath;
  /** Whether the location is the key at `path` rather than its value. */
  readonly key: boolean;
  readonly problem: string;
}

/** One sentence for ajv's error: which value, what was expected. */
function describeError(error: ErrorObject, what: string): Described {
  const path = pointerToPath(error.instancePath);
  const shown = path.length ? path.join('.') : `the ${what}`;
  const params = error.params as Record<string, unknown>;
  const at = (problem: string, where: DataPath = path, key = false): Described => ({ path: where, key, problem });
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      return at(
        `unknown key "${visible(name)}" in ${shown}; expected one of: ${allowedKeys(error)}`,
        [...path, name],
        true,
      );
    }
    case 'maxProperties':
      return at(
        `${shown} must have at most ${params.limit} key${params.limit === 1 ? '' : 's'}, not ${Object.keys(error.data as object).length}`,
      );
    case 'required':
      return at(`${shown} is missing the required key "${params.missingProperty}"`);
    case 'enum':
      return at(
        `${shown} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      );
    case 'type':
      if (path.length === 0) return at(`the ${what} file must be a map of keys, not ${describeValue(error.data)}`);
      if (typeof error.data === 'number' && !Number.isFinite(error.data))
        return at(`${shown} must be a finite number, not ${error.data}`);
      break;
    case 'pattern': {
      const pattern = String(params.pattern);
      if (/^\^\[\^[^\]]*\r\n\][*+]\$$/.test(pattern))
        return at(`${shown} must be one line of text${pattern.includes('"') ? ' without double quotes' : ''}`);
      const expected = expectation(error);
      return at(
        expected ? `${shown} must be ${expected}` : `${shown} must match pattern ${visible(JSON.stringify(pattern))}`,
      );
    }
  }
  const expected = expectation(error);
  return at(expected ? `${shown} must be ${expected}` : `${shown} ${visible(error.message ?? 'is invalid')}`);
}

/**
 * A schema states what a value must be in its `description` when that is written as the phrase
 * a message needs ("a whole number >= 0", lower case, or "1"), as the gate policy, catalog and report
 * schemas do). A description that is documentation (a sentence, capitalised, as the scenario and
 * target schemas have) is not one; ajv's own words are used then.
 */
function expectation(error: ErrorObject): string | undefined {
  const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' && /^[a-z0-9]/.test(description) ? description : undefined;
}

function pointerToPath(pointer: string): DataPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Control characters in a message shown as escapes: a message is one line. */
const visible = (text: string): string => text.replace(/[\x00-\x1f\x7f]/g, (c) => JSON.stringify(c).slice(1, -1));

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

function allowedKeys(error: ErrorObject): string {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties).join(', ') : '(see the schema)';
}
