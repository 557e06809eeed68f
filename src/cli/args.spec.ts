import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HarnessError } from '../errors';
import { emsSerial, parseCommandArgs, portNumber, positiveInt } from './args';

const badInput = (pattern: RegExp) => (error: unknown) =>
  error instanceof HarnessError && error.code === 'BAD_INPUT' && pattern.test(error.message);

const NUMBER_CASES: [
  string,
  (value: string | undefined) => unknown,
  string | undefined,
  number | undefined | RegExp,
][] = [
  ['positive-int/absent', (v) => positiveInt(v, '--workers'), undefined, undefined],
  ['positive-int/one', (v) => positiveInt(v, '--workers'), '1', 1],
  ['positive-int/zero', (v) => positiveInt(v, '--workers'), '0', /--workers expects a positive whole number, not "0"/],
  ['positive-int/fraction', (v) => positiveInt(v, '--workers'), '1.5', /positive whole number/],
  ['positive-int/word', (v) => positiveInt(v, '--workers'), 'four', /positive whole number, not "four"/],
  ['port/highest', (v) => portNumber(v, '--port'), '65535', 65535],
  ['port/too-high', (v) => portNumber(v, '--port'), '65536', /--port expects a TCP port from 1 to 65535, not "65536"/],
  ['port/negative', (v) => portNumber(v, '--port'), '-1', /positive whole number/],
];
for (const [name, read, value, expected] of NUMBER_CASES) {
  test(`args/${name}`, () => {
    if (expected instanceof RegExp) assert.throws(() => read(value), badInput(expected));
    else assert.equal(read(value), expected);
  });
}

const SERIAL_CASES: [string, string | undefined, boolean][] = [
  ['ems-serial/absent', undefined, true],
  ['ems-serial/ten-digits', 'FCTEMS8822001234', true],
  ['ems-serial/nine-digits', 'FCTEMS882200123', false],
  ['ems-serial/lower-case', 'fctems8822001234', false],
  ['ems-serial/trailing-space', 'FCTEMS8822001234 ', false],
];
for (const [name, value, ok] of SERIAL_CASES) {
  test(`args/${name}`, () => {
    if (ok) assert.equal(emsSerial(value, '--expect-ems-serial'), value);
    else
      assert.throws(
        () => emsSerial(value, '--expect-ems-serial'),
        badInput(/--expect-ems-serial expects an EMS serial number, FCTEMS and 10 digits/),
      );
  });
}

test('args/unknown-option-names-the-command-and-its-help', () => {
  assert.throws(
    () => parseCommandArgs('export', ['--nope'], {}),
    badInput(/^export: Unknown option '--nope'.*\(see ztna-harness export --help\)$/),
  );
});

test('args/missing-value-is-bad-input', () => {
  assert.throws(
    () => parseCommandArgs('serve', ['--port'], { port: { type: 'string' } }),
    badInput(/^serve: .*--port/),
  );
});

test('args/help-is-always-an-option', () => {
  assert.equal(parseCommandArgs('gate', ['-h'], {}).values.help, true);
});
