import { readFileSync } from 'node:fs';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { badInput } from '../errors';
import type { DataPath, LocatedDocument } from './located-document';

const ajv = addFormats(new Ajv2020({ allErrors: false, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true }));
const compiled = new Map<string, ValidateFunction>();

/** Compiles (once) the JSON Schema stored in `schemaFile`. */
export function schemaValidator(schemaFile: string): ValidateFunction {
  let validate = compiled.get(schemaFile);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    compiled.set(schemaFile, validate);
  }
  return validate;
}

/**
 * Throws bad input at the offending key's file:line:col when `doc` does not match the schema,
 * saying what was expected. `what` names the kind of file ("gate policy").
 */
export function assertMatchesSchema(schemaFile: string, doc: LocatedDocument, what: string): void {
  const validate = schemaValidator(schemaFile);
  if (validate(doc.value)) return;
  const { path, key, problem } = pickError((validate.errors ?? []).map(describe));
  throw badInput(`${what}: ${pathText(path)}: ${problem}`, doc.locate(path, key));
}

// The deepest error points closest to the mistake; at equal depth a combinator's own error
// (carrying its schema's description) says more than the errors of its branches.
function pickError(errors: readonly Described[]): Described {
  const depth = Math.max(...errors.map((error) => error.path.length));
  const deepest = errors.filter((error) => error.path.length === depth);
  return deepest.find((error) => error.combinator) ?? deepest[0]!;
}

interface Described {
  readonly path: DataPath;
  readonly key: boolean;
  readonly problem: string;
  readonly combinator: boolean;
}

function describe(error: ErrorObject): Described {
  return { ...describeProblem(error), combinator: error.keyword === 'anyOf' || error.keyword === 'oneOf' };
}

function describeProblem(error: ErrorObject): Omit<Described, 'combinator'> {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const schema = (error.parentSchema ?? {}) as { description?: string; properties?: object };
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = Object.keys(schema.properties ?? {}).join(', ');
      return { path: [...path, name], key: true, problem: `unknown key "${name}"; expected one of: ${allowed}` };
    }
    case 'required':
      return { path, key: false, problem: `missing key "${String(params.missingProperty)}"` };
    case 'enum':
      return { path, key: false, problem: `expected one of: ${(params.allowedValues as unknown[]).join(', ')}` };
    default:
      return { path, key: false, problem: schema.description ? `expected ${schema.description}` : error.message ?? 'invalid value' };
  }
}

function pointerToPath(pointer: string): DataPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** `waivers[0].expires` style, as a user reads a path. */
export function pathText(path: DataPath): string {
  if (path.length === 0) return '(top level)';
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}
