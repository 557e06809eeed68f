/** One physical line of a pasted dump: 1-based number and text without surrounding blanks. */
export interface DumpLine {
  readonly number: number;
  readonly text: string;
}

/**
 * A CLI prompt: `FGT # cmd`, `FGT (root) # cmd`, `# cmd`, or `$` for a read-only admin. The
 * host is one token so that `Record #1:` and `Gateway Route #0:` never look like prompts.
 */
const PROMPT = /^(?:([\w.-]+)(?:\s*\(([\w.-]+)\))?\s*)?[#$](?:\s+(.*))?$/;

/** Splits a paste into trimmed lines; CRLF, lone CR and a leading BOM are all tolerated. */
export function dumpLines(text: string): DumpLine[] {
  return [...textLines(text)];
}

/** The lines of a text one at a time, as dumpLines numbers and trims them, without an array of all. */
export function* textLines(text: string): Generator<DumpLine> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const eol = /\r\n|\r|\n/g;
  let start = 0;
  let number = 1;
  for (let match = eol.exec(body); match; match = eol.exec(body)) {
    yield { number: number++, text: body.slice(start, match.index).trim() };
    start = eol.lastIndex;
  }
  yield { number, text: body.slice(start).trim() };
}

/**
 * Whether a line may be a prompt, before PROMPT is tried: the prompt's `#` or `$` is the first
 * of either in the line (the host and VDOM hold neither) and ends it or is followed by a blank.
 * Most lines hold neither; `Record #1:` and `Gateway Route #0:` fail at the digit.
 */
function mayBePrompt(text: string): boolean {
  const hash = text.indexOf('#');
  const dollar = text.indexOf('$');
  const at = hash < 0 ? dollar : dollar < 0 ? hash : Math.min(hash, dollar);
  if (at < 0) return false;
  const next = text.charCodeAt(at + 1); // NaN at the end of the line
  return !(next > 0x20 && next < 0x7f); // printable ASCII is no blank; anything else PROMPT decides
}

/** The command of a prompt line (empty for a bare prompt), or undefined when it is no prompt. */
export function promptCommand(text: string): string | undefined {
  if (!mayBePrompt(text)) return undefined;
  const match = PROMPT.exec(text);
  return match ? (match[3] ?? '').replace(/\s+/g, ' ') : undefined;
}

/** A prompt line's parts: the FortiGate's host name and VDOM when the prompt shows them. */
export interface Prompt {
  readonly host?: string;
  readonly vdom?: string;
  readonly command: string;
}

/** The parts of a prompt line, or undefined when it is no prompt. */
export function promptOf(text: string): Prompt | undefined {
  if (!mayBePrompt(text)) return undefined;
  const match = PROMPT.exec(text);
  if (!match) return undefined;
  const [, host, vdom, command = ''] = match;
  return {
    ...(host === undefined ? {} : { host }),
    ...(vdom === undefined ? {} : { vdom }),
    command: command.replace(/\s+/g, ' '),
  };
}

/** Blank lines and the `...` elisions of the documentation carry nothing to parse. */
export function isFiller(text: string): boolean {
  return text === '' || ((text[0] === '.' || text[0] === '…') && /^(?:\.{3,}|…)$/.test(text));
}

/** Splits `Key: value` at the first colon (values such as MAC addresses hold colons). */
export function splitColon(text: string): { readonly key: string; readonly value: string } | undefined {
  const at = text.indexOf(':');
  return at <= 0 ? undefined : { key: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
}

/** Splits `Key = value` or, when a colon comes before any `=`, `Key: value`. */
export function splitKeyValue(text: string): { readonly key: string; readonly value: string } | undefined {
  const equals = text.indexOf('=');
  const colon = text.indexOf(':');
  if (equals <= 0 || (colon >= 0 && colon < equals)) return splitColon(text);
  return { key: text.slice(0, equals).trim(), value: text.slice(equals + 1).trim() };
}
