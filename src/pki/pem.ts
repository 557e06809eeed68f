import { badInput } from '../errors';

/** Wraps DER bytes in a PEM block of the given label. */
export function toPem(label: string, der: Buffer): string {
  const body = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]*?)-----END \1-----/g;

/** Every PEM block in `text`, in order. */
export function pemBlocks(text: string): { label: string; der: Buffer }[] {
  return [...text.matchAll(BLOCK)].map((m) => ({ label: m[1]!, der: Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64') }));
}

/** Exactly one PEM block with `label`; anything else is bad input, named after `what`. */
export function fromPem(text: string, label: string, what = label.toLowerCase()): Buffer {
  const blocks = pemBlocks(text);
  const matching = blocks.filter((b) => b.label === label);
  if (matching.length === 0) throw badInput(`expected a PEM "${label}" block for the ${what}, found ${blocks.length ? blocks.map((b) => `"${b.label}"`).join(', ') : 'none'}`);
  if (matching.length > 1) throw badInput(`expected one PEM "${label}" block for the ${what}, found ${matching.length}`);
  if (matching[0]!.der.length === 0) throw badInput(`the PEM "${label}" block for the ${what} is empty`);
  return matching[0]!.der;
}
