import { badInput, type HarnessError } from '../errors';
import { EMS_SERIAL_SOURCE, NO_CERTIFICATE_SN } from '../ztna-identifiers';

/** Where a value was read: the user's file name and the 1-based line. */
export interface FieldContext {
  readonly file: string;
  readonly line: number;
}

/** A value parser: the printed text to a typed value, or a bad-input error naming file:line. */
export type ValueParser<T> = (value: string, at: FieldContext, label: string) => T;

/** Bad input at a line; the message repeats `file:line:` because auditors read it without a CLI. */
export function inputError(at: FieldContext, message: string): HarnessError {
  return badInput(`${at.file}:${at.line}: ${message}`, { file: at.file, line: at.line });
}

/** Quotes a user value for a message, cut short so a garbage line cannot flood the output. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

function hexOf(length: number, what: string): ValueParser<string> {
  const pattern = new RegExp(`^[0-9A-Fa-f]{${length}}$`);
  return (value, at, label) => {
    if (!pattern.test(value)) throw inputError(at, `${label} ${quote(value)} is not ${what}`);
    return value.toUpperCase();
  };
}

/** FortiClient UID: 32 hex characters. */
export const uidValue = hexOf(32, '32 hexadecimal characters');

/** EMS tenant id: 32 hex characters (all zeros for the default tenant). */
export const tenantIdValue = hexOf(32, '32 hexadecimal characters');

const fortySn = hexOf(40, '40 hexadecimal characters');

/** Certificate SN: 40 hex characters; any run of zeros is FortiOS's "no certificate". */
export const certSnValue: ValueParser<string> = (value, at, label) =>
  /^0+$/.test(value) ? NO_CERTIFICATE_SN : fortySn(value, at, label);

// FortiOS output is read whatever the case of its letters.
const EMS_SERIAL_ANY_CASE = new RegExp(`^${EMS_SERIAL_SOURCE}$`, 'i');

/** EMS serial number: `FCTEMS` and 10 digits. */
export const emsSerialValue: ValueParser<string> = (value, at, label) => {
  if (!EMS_SERIAL_ANY_CASE.test(value)) throw inputError(at, `${label} ${quote(value)} is not FCTEMS and 10 digits`);
  return value.toUpperCase();
};

/** A non-negative decimal count. */
export const countValue: ValueParser<number> = (value, at, label) => {
  if (!/^\d+$/.test(value)) throw inputError(at, `${label} ${quote(value)} is not a number`);
  return Number(value);
};

/** A value out of a closed, case-insensitive vocabulary (`yes`/`no`, `online`/`offline`, …). */
export function choiceValue<T>(choices: Readonly<Record<string, T>>): ValueParser<T> {
  return (value, at, label) => {
    const key = value.toLowerCase();
    if (!Object.hasOwn(choices, key)) {
      throw inputError(at, `${label} ${quote(value)} is not one of ${Object.keys(choices).join(', ')}`);
    }
    return choices[key];
  };
}

/** The last few copies `own` made: a record repeats its IP and MAC (public IP, route), and one copy serves them all. */
const RECENT = new Array<string>(8).fill('');
let recentAt = 0;

/**
 * A copy of a value that holds nothing else alive. A value cut from a line with slice/trim is,
 * in V8, a view that keeps the whole line in memory; a 200,000-record dump keeps millions of
 * values, so each one kept is copied. Short values are copies already. A value equal to one of
 * the last few copies gets that copy, so that a record holds its IP once, not three times.
 */
export function own(value: string): string {
  if (value.length < 13) return value;
  for (const recent of RECENT) if (recent === value) return recent;
  const copy = Buffer.from(value, 'utf8').toString('utf8');
  RECENT[recentAt] = copy;
  recentAt = (recentAt + 1) % RECENT.length;
  return copy;
}

const SHARED = new Map<string, string>();
const MAX_SHARED = 4096;

/**
 * One copy per distinct value, for fields that repeat across a fleet (EMS serial, tenant id,
 * VDOM, OS, interface, FortiGate serial): 200,000 records then hold a handful of strings, not
 * 200,000 copies. Bounded, so that values which do not repeat cannot grow it without end.
 */
export function shared(value: string): string {
  const known = SHARED.get(value);
  if (known !== undefined) return known;
  const copy = own(value);
  if (SHARED.size < MAX_SHARED) SHARED.set(copy, copy);
  return copy;
}

/** Text kept as printed. */
export const textValue: ValueParser<string> = (value) => value;

/** `yes`/`no`, as FortiOS prints Quarantined and VPN. */
export const yesNoValue = choiceValue({ yes: true, no: false });
