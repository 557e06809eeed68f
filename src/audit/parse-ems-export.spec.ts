import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { HarnessError } from '../errors';
import type { EmsEndpoint } from './ems-endpoint';
import { parseEmsExport } from './parse-ems-export';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../test/fixtures/audit', name), 'utf8');

const ENDPOINTS: readonly Omit<EmsEndpoint, 'line'>[] = [
  {
    uid: '9A016B5A6E914B42AD4168C066EB04CA',
    hostName: 'WIN10-01',
    site: 'default',
    certSn: '2B8D4FF0E71FE7E064288FE1B4F87E25232092D0',
    registered: true,
  },
  {
    uid: '5F3C2E1D0A9B48C7B6E5D4C3B2A19080',
    hostName: 'MAC-LAB-7',
    site: 'default',
    certSn: '4D2A9C8B7E6F5A4B3C2D1E0F9A8B7C6D5E4F3A2B',
    registered: true,
  },
  { uid: '0123456789ABCDEF0123456789ABCDEF', hostName: 'LNX-BUILD-3', site: 'default', registered: false },
  {
    uid: 'AB12CD34EF56AB12CD34EF56AB12CD34',
    hostName: 'KIOSK, lobby',
    site: 'default',
    certSn: '1111222233334444555566667777888899990000',
    registered: true,
  },
];

const EXPORTS: readonly {
  readonly name: string;
  readonly file: string;
  readonly format: string;
  readonly endpoints: readonly EmsEndpoint[];
}[] = [
  {
    name: 'csv/plain',
    file: 'ems-export.csv',
    format: 'csv',
    endpoints: ENDPOINTS.map((endpoint, index) => ({ ...endpoint, line: index + 2 })),
  },
  {
    name: 'json/array',
    file: 'ems-export.json',
    format: 'json',
    endpoints: ENDPOINTS.map((endpoint, index) => ({ ...endpoint, line: [2, 9, 16, 17][index] })),
  },
  {
    name: 'csv/bom-crlf-quotes-reordered-and-extra-columns',
    file: 'ems-export-quoted-crlf-bom.csv',
    format: 'csv',
    endpoints: [
      { ...ENDPOINTS[0], hostName: 'WIN10-01 "main"', line: 2 },
      { ...ENDPOINTS[3], hostName: 'KIOSK, lobby\r\nsecond line', site: 'CUSTOMER-TEST', line: 3 },
      { uid: ENDPOINTS[2].uid, site: 'default', registered: false, line: 5 },
    ],
  },
];

for (const { name, file, format, endpoints } of EXPORTS) {
  test(`ems/${name}`, () => {
    const parsed = parseEmsExport(fixture(file), file);
    assert.equal(parsed.file, file);
    assert.equal(parsed.format, format);
    assert.deepEqual(parsed.endpoints, endpoints);
  });
}

const MALFORMED: readonly {
  readonly name: string;
  readonly text: string;
  readonly message: string;
  readonly line?: number;
}[] = [
  {
    name: 'csv/missing-column',
    text: fixture('ems-missing-column.csv'),
    message:
      'ems.txt:1: the header has no cert_sn column (required: uid, host_name, site, cert_sn, registration_status)',
    line: 1,
  },
  {
    name: 'csv/bad-cert-sn',
    text: fixture('ems-bad-cert-sn.csv'),
    message: 'ems.txt:3: cert_sn "4D2A9C8B7E6F" is not 40 hexadecimal characters',
    line: 3,
  },
  {
    name: 'csv/empty',
    text: '\r\n',
    message: 'ems.txt: the export is empty; expected the header uid,host_name,site,cert_sn,registration_status',
  },
  {
    name: 'csv/column-named-twice',
    text: 'uid,host_name,site,cert_sn,registration_status,UID\n',
    message: 'ems.txt:1: the header names uid more than once',
    line: 1,
  },
  {
    name: 'csv/short-row',
    text: 'uid,host_name,site,cert_sn,registration_status\n9A016B5A6E914B42AD4168C066EB04CA,h,default\n',
    message: 'ems.txt:2: 3 fields where the header has 5',
    line: 2,
  },
  {
    name: 'csv/empty-uid',
    text: 'uid,host_name,site,cert_sn,registration_status\n,h,default,,registered\n',
    message: 'ems.txt:2: uid is empty',
    line: 2,
  },
  {
    name: 'csv/unclosed-quote',
    text: 'uid,host_name,site,cert_sn,registration_status\n9A016B5A6E914B42AD4168C066EB04CA,"h,default,,registered\n',
    message: 'ems.txt:2: a quoted field is never closed',
    line: 2,
  },
  {
    name: 'csv/a-syntax-error-further-on-is-reported-first',
    text: 'uid,host_name,site,cert_sn,registration_status\n,h,default,,registered\n9A016B5A6E914B42AD4168C066EB04CA,"h,default,,registered\n',
    message: 'ems.txt:3: a quoted field is never closed',
    line: 3,
  },
  {
    name: 'csv/text-after-closing-quote',
    text: 'uid,host_name\n"a"b,c\n',
    message: 'ems.txt:2: text after the closing quote of a quoted field',
    line: 2,
  },
  {
    name: 'csv/quote-in-unquoted-field',
    text: 'uid,host_name\na"b,c\n',
    message: 'ems.txt:2: a quote inside the unquoted field "a\\"b"',
    line: 2,
  },
  {
    name: 'json/bad-registration-status',
    text: fixture('ems-bad-status.json'),
    message: 'ems.txt:9: registration_status "pending" is not one of registered, unregistered',
    line: 9,
  },
  {
    name: 'json/missing-key',
    text: fixture('ems-missing-key.json'),
    message: 'ems.txt:2: the endpoint object has no "site" key',
    line: 2,
  },
  {
    name: 'json/value-not-a-string',
    text: '[\n {"uid": 7, "host_name": "", "site": "", "cert_sn": "", "registration_status": "registered"}\n]',
    message: 'ems.txt:2: "uid" is a number, not a string',
    line: 2,
  },
  { name: 'json/not-an-array-of-objects', text: '[1]', message: 'ems.txt:1: the entry is not an object', line: 1 },
];

for (const { name, text, message, line } of MALFORMED) {
  test(`ems/malformed/${name}`, () => {
    assert.throws(
      () => parseEmsExport(text, 'ems.txt'),
      (error: unknown) => {
        assert.ok(error instanceof HarnessError);
        assert.equal(error.code, 'BAD_INPUT');
        assert.equal(error.message, message);
        assert.deepEqual(error.options.location, line === undefined ? { file: 'ems.txt' } : { file: 'ems.txt', line });
        return true;
      },
    );
  });
}

test('ems/malformed/json/syntax-error-names-the-line', () => {
  assert.throws(
    () => parseEmsExport('[\n  {"uid": "x",}\n]', 'ems.json'),
    // The one JSON reader of src/input: the place is the error's location (the CLI prints it as file:line:col).
    (error: unknown) =>
      error instanceof HarnessError &&
      /^not valid JSON/.test(error.message) &&
      error.options.location?.file === 'ems.json' &&
      error.options.location.line === 2,
  );
});
