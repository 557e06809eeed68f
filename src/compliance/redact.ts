/**
 * Keeps private key material out of every report. Evidence and failure messages are written by
 * step code and assertion libraries, so a key can reach the model by accident (a PEM in an
 * error message, a JWK in a note); everything the model holds passes through here.
 */

/** What a redacted secret is replaced with. */
export const REDACTED = '[redacted key material]';

// A PEM private-key block of any flavour (PKCS#8, encrypted, RSA, EC, OpenSSH, PGP); a block cut
// short (no END line) is redacted to the end of the text.
const PEM_PRIVATE_KEY =
  /-----BEGIN [^-\n]*PRIVATE KEY[^-\n]*-----[\s\S]*?(?:-----END [^-\n]*PRIVATE KEY[^-\n]*-----|$)/g;
// Bare base64 long enough to hold a DER private key (the smallest, SEC1 P-256, is 164 chars).
const BASE64_RUN = /[A-Za-z0-9+/]{160,}={0,2}/g;
const SENSITIVE_KEY = /^(private[-_]?key|privkey|secret|passphrase|password|pkcs8|keyPem)$/i;
const JWK_PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

/** `text` with every private key (PEM or bare base64 DER) replaced by a marker. */
export function redactText(text: string): string {
  if (!text.includes('PRIVATE KEY') && !/[A-Za-z0-9+/]{160}/.test(text)) return text;
  return text.replace(PEM_PRIVATE_KEY, REDACTED).replace(BASE64_RUN, (run) => (isDerPrivateKey(run) ? REDACTED : run));
}

/** Evidence nested deeper than this is cut there: no real evidence comes near, and the walk must not exhaust the stack. */
export const MAX_REDACT_DEPTH = 100;

/** What a part nested deeper than MAX_REDACT_DEPTH is replaced with. */
export const TOO_DEEP = `[nested more than ${MAX_REDACT_DEPTH} levels: not kept]`;

/** A deep copy of `value` with strings redacted and secret-named members and JWK private parts dropped. */
export function redactDeep<T>(value: T): T {
  return redactValue(value, 0) as T;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_REDACT_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const record = value as Record<string, unknown>;
  const isJwk = typeof record.kty === 'string';
  const entries = Object.entries(record).map(([key, member]) => {
    const secret = SENSITIVE_KEY.test(key) || (isJwk && JWK_PRIVATE_MEMBERS.includes(key));
    return [key, secret && member !== null ? REDACTED : redactValue(member, depth + 1)] as const;
  });
  return Object.fromEntries(entries);
}

// DER of PKCS#8 (SEQUENCE { INTEGER 0, SEQUENCE ... }), PKCS#1 RSA (INTEGER 0, INTEGER) and SEC1
// EC (INTEGER 1, OCTET STRING). Certificates, CSRs and public keys start SEQUENCE { SEQUENCE ... }
// instead, so they are left alone.
function isDerPrivateKey(base64: string): boolean {
  const der = Buffer.from(base64, 'base64');
  if (der[0] !== 0x30) return false;
  const lengthBytes = der[1]! & 0x80 ? der[1]! & 0x7f : 0;
  const body = der.subarray(2 + lengthBytes, 2 + lengthBytes + 4);
  const [a, b, c, d] = body;
  if (a !== 0x02 || b !== 0x01) return false;
  return (c === 0x00 && (d === 0x30 || d === 0x02)) || (c === 0x01 && d === 0x04);
}
