import { parseArgs, ParseArgsConfig } from 'node:util';
import { badInput } from '../errors';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: string[];
}

/** node:util parseArgs, with unknown options and missing values turned into bad-input errors. */
export function parseCommandArgs(command: string, argv: string[], options: Options): ParsedArgs {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (cause) {
    throw badInput(`${command}: ${(cause as Error).message.split('\n')[0]} (see ztna-harness ${command} --help)`, undefined, cause);
  }
}

/** A positive whole number from an option, or a bad-input error naming the option. */
export function positiveInt(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw badInput(`${option} expects a positive whole number, not "${value}"`);
  return n;
}
