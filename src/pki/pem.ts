import { badInput } from '../errors';

/** Wraps DER bytes in a PEM block of the given label. */
export function toPem(label: string, der: Buffer): string {
  const body = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** One PEM block; `der` is empty when the body is not canonical base64 (`base64` false). */
export interface PemBlock {
  readonly label: string;
  readonly der: Buffer;
  readonly base64: boolean;
}

/** Every PEM block in `text`, in order. */
export function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(BLOCK)].map((m) => {
    const body = m[2]!.replace(/\s+/g, '');
    // Buffer.from(…, 'base64') skips what is not base64, so a damaged body would decode to other bytes.
    const base64 = BASE64.test(body);
    return { label: m[1]!, der: base64 ? Buffer.from(body, 'base64') : Buffer.alloc(0), base64 };
  });
}

/** Exactly one PEM block with `label`; anything else is bad input, named after `what`. */
function fromPem(text: string, label: string, what = label.toLowerCase()): Buffer {
  const blocks = pemBlocks(text);
  const matching = blocks.filter((b) => b.label === label);
  if (matching.length === 0) {
    if (text.includes(`-----BEGIN ${label}-----`))
      throw badInput(`the PEM "${label}" block for the ${what} has no END line (truncated?)`);
    throw badInput(
      `expected a PEM "${label}" block for the ${what}, found ${blocks.length ? blocks.map((b) => `"${b.label}"`).join(', ') : 'none'}`,
    );
  }
  if (matching.length > 1)
    throw badInput(`expected one PEM "${label}" block for the ${what}, found ${matching.length}`);
  const block = matching[0]!;
  if (!block.base64) throw badInput(`the PEM "${label}" block for the ${what} is not valid base64`);
  if (block.der.length === 0) throw badInput(`the PEM "${label}" block for the ${what} is empty`);
  return block.der;
}

/** Whether bytes read from a file are PEM text rather than DER. */
const looksLikePem = (bytes: Buffer): boolean => bytes.subarray(0, 4096).includes('-----BEGIN ');

/**
 * The DER of one object read from a string, a PEM file or a DER file: PEM must hold exactly one
 * block with `label`. UTF-16 text (as some Windows editors save) is refused by name.
 */
export function derOf(input: Buffer | string, label: string, what: string): Buffer {
  if (typeof input === 'string') return fromPem(input, label, what);
  if (input.length >= 2 && ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff))) {
    throw badInput(`the ${what} is UTF-16 text; PEM must be ASCII`);
  }
  return looksLikePem(input) ? fromPem(input.toString('latin1'), label, what) : input;
}
