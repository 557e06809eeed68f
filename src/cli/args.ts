import { type ParseArgsConfig, parseArgs } from 'node:util';
import { badInput } from '../errors';
import { EMS_SERIAL_PATTERN } from '../ztna-identifiers';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: string[];
}

/** node:util parseArgs, with unknown options and missing values turned into bad-input errors. */
export function parseCommandArgs(command: string, argv: string[], options: Options): ParsedArgs {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (cause) {
    throw badInput(
      `${command}: ${(cause as Error).message.split('\n')[0]} (see ztna-harness ${command} --help)`,
      undefined,
      cause,
    );
  }
}

/** A positive whole number from an option, or a bad-input error naming the option. */
export function positiveInt(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw badInput(`${option} expects a positive whole number, not "${value}"`);
  return n;
}

/** A TCP port from an option (1–65535), or a bad-input error naming the option. */
export function portNumber(value: string | undefined, option: string): number | undefined {
  const n = positiveInt(value, option);
  if (n !== undefined && n > 65_535) throw badInput(`${option} expects a TCP port from 1 to 65535, not "${value}"`);
  return n;
}

/** An EMS serial from an option, or a bad-input error saying what one looks like. */
export function emsSerial(value: string | undefined, option: string): string | undefined {
  if (value !== undefined && !EMS_SERIAL_PATTERN.test(value))
    throw badInput(
      `${option} expects an EMS serial number, FCTEMS and 10 digits (e.g. FCTEMS8822001234), not ${JSON.stringify(value)}`,
    );
  return value;
}
