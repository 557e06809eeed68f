import { createHash } from 'node:crypto';

/**
 * A version-4-shaped UUID (RFC 9562 §5.4 bits) derived from a hash of the run id and a path
 * inside the document, so that rendering one run twice gives the same identifiers while two
 * runs never share one. OSCAL asks for v4 UUIDs that stay the same for the same subject.
 */
export function stableUuid(runId: string, path: string): string {
  const bytes = createHash('sha256').update(runId).update('\0').update(path).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10xx (RFC 9562)
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
