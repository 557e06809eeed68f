import { badInput } from '../errors';
import { EMS_COLUMNS, EMS_TENANT_COLUMN, type EmsColumn, type EmsExport, emsEndpointFrom } from './ems-endpoint';
import { type FieldContext, inputError } from './field-values';
import { jsonElementLines } from './json-element-lines';
import { type CsvRow, parseCsv } from './parse-csv';

/**
 * Reads an EMS endpoint export: CSV with a `uid,host_name,site,cert_sn,registration_status`
 * header (any order, extra columns ignored; `tenant_id` read when present) or a JSON array of
 * objects with those keys.
 */
export function parseEmsExport(text: string, fileName: string): EmsExport {
  const body = text.replace(/^\uFEFF/, '');
  return body.trimStart().startsWith('[') ? readJson(body, fileName) : readCsv(body, fileName);
}

function readCsv(text: string, file: string): EmsExport {
  const [header, ...rows] = parseCsv(text, file);
  if (!header) throw badInput(`${file}: the export is empty; expected the header ${EMS_COLUMNS.join(',')}`, { file });
  const columns = columnIndexes(header, file);
  const tenantColumn = header.fields.findIndex((name) => name.trim().toLowerCase() === EMS_TENANT_COLUMN);
  const endpoints = rows.map((row) => {
    const at = { file, line: row.line };
    if (row.fields.length !== header.fields.length) {
      throw inputError(at, `${row.fields.length} fields where the header has ${header.fields.length}`);
    }
    const values = EMS_COLUMNS.map((column) => [column, row.fields[columns[column]]]);
    const tenant = tenantColumn < 0 ? undefined : row.fields[tenantColumn];
    return emsEndpointFrom(Object.fromEntries(values) as Record<EmsColumn, string>, at, tenant);
  });
  return { file, format: 'csv', endpoints };
}

function columnIndexes(header: CsvRow, file: string): Readonly<Record<EmsColumn, number>> {
  const at = { file, line: header.line };
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const missing = EMS_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw inputError(at, `the header has no ${missing.join(', ')} column (required: ${EMS_COLUMNS.join(', ')})`);
  }
  const doubled = EMS_COLUMNS.filter((column) => names.indexOf(column) !== names.lastIndexOf(column));
  if (doubled.length > 0) throw inputError(at, `the header names ${doubled.join(', ')} more than once`);
  return Object.fromEntries(EMS_COLUMNS.map((column) => [column, names.indexOf(column)])) as Record<EmsColumn, number>;
}

function readJson(text: string, file: string): EmsExport {
  const data = parseJson(text, file);
  if (!Array.isArray(data)) throw badInput(`${file}: a JSON export must be an array of endpoint objects`, { file });
  const lines = jsonElementLines(text);
  const endpoints = data.map((item: unknown, index) => {
    const at = { file, line: lines[index] };
    const values = jsonValues(item, at); // checks that the item is an object
    const tenant = Object.hasOwn(item as object, EMS_TENANT_COLUMN)
      ? (item as Record<string, unknown>)[EMS_TENANT_COLUMN]
      : undefined;
    if (tenant !== undefined && tenant !== null && typeof tenant !== 'string')
      throw inputError(at, `"${EMS_TENANT_COLUMN}" is a ${typeof tenant}, not a string`);
    return emsEndpointFrom(values, at, tenant ?? undefined);
  });
  return { file, format: 'json', endpoints };
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    const line = position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
    const where = line === undefined ? file : `${file}:${line}`;
    throw badInput(`${where}: not valid JSON (${(error as Error).message})`, { file, line }, error);
  }
}

function jsonValues(item: unknown, at: FieldContext): Record<EmsColumn, string> {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    throw inputError(at, 'the entry is not an object');
  const values = EMS_COLUMNS.map((key) => {
    if (!Object.hasOwn(item, key)) throw inputError(at, `the endpoint object has no "${key}" key`);
    const value: unknown = (item as Record<string, unknown>)[key];
    if (value !== null && typeof value !== 'string')
      throw inputError(at, `"${key}" is a ${typeof value}, not a string`);
    return [key, value ?? ''];
  });
  return Object.fromEntries(values) as Record<EmsColumn, string>;
}
