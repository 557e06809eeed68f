import { badInput } from '../errors';
import { parseLocatedJson } from '../input';
import {
  EMS_COLUMNS,
  EMS_TENANT_COLUMN,
  type EmsColumn,
  type EmsEndpoint,
  type EmsExport,
  emsEndpointFrom,
} from './ems-endpoint';
import { type FieldContext, inputError } from './field-values';
import { jsonElementLines } from './json-element-lines';
import { type CsvRow, csvRows } from './parse-csv';

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
  const rows = csvRows(text, file);
  try {
    return { file, format: 'csv', endpoints: csvEndpoints(rows, file) };
  } catch (error) {
    // A CSV syntax error further on is reported before this one, as when the whole text was split first.
    while (!rows.next().done);
    throw error;
  }
}

/** The endpoints of the rows after the header; read with next(), as for-of would close the rows on an error. */
function csvEndpoints(rows: Iterator<CsvRow>, file: string): EmsEndpoint[] {
  const first = rows.next();
  if (first.done)
    throw badInput(`${file}: the export is empty; expected the header ${EMS_COLUMNS.join(',')}`, { file });
  const header = first.value;
  const columns = columnIndexes(header, file);
  const tenantColumn = header.fields.findIndex((name) => name.trim().toLowerCase() === EMS_TENANT_COLUMN);
  const endpoints: EmsEndpoint[] = [];
  for (let row = rows.next(); !row.done; row = rows.next()) {
    const { fields, line } = row.value;
    const at = { file, line };
    if (fields.length !== header.fields.length)
      throw inputError(at, `${fields.length} fields where the header has ${header.fields.length}`);
    const values = {
      uid: fields[columns.uid],
      host_name: fields[columns.host_name],
      site: fields[columns.site],
      cert_sn: fields[columns.cert_sn],
      registration_status: fields[columns.registration_status],
    } satisfies Record<EmsColumn, string>;
    endpoints.push(emsEndpointFrom(values, at, tenantColumn < 0 ? undefined : fields[tenantColumn]));
  }
  return endpoints;
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
  const data = parseLocatedJson(text, file, 'EMS export').value; // the one JSON reader: duplicate keys and deep nesting refused
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
