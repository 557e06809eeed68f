import { createHash, randomBytes } from 'node:crypto';

/** A source of random bytes, injected so that a run is reproducible from its seed. */
export interface Random {
  bytes(count: number): Buffer;
}

/** Cryptographic randomness, for anything that leaves the harness (real proxies, exports). */
export const systemRandom: Random = { bytes: (count) => randomBytes(count) };

/**
 * A deterministic stream: SHA-256 over the seed and a counter. Good enough for serials and UIDs
 * in tests, where reproducibility matters more than unpredictability.
 */
export class SeededRandom implements Random {
  private counter = 0;
  private buffer = Buffer.alloc(0);

  constructor(readonly seed: string) {}

  bytes(count: number): Buffer {
    while (this.buffer.length < count) {
      const block = createHash('sha256')
        .update(this.seed)
        .update(String(this.counter++))
        .digest();
      this.buffer = Buffer.concat([this.buffer, block]);
    }
    const out = this.buffer.subarray(0, count);
    this.buffer = this.buffer.subarray(count);
    return Buffer.from(out);
  }
}

/**
 * A certificate serial number: 20 random bytes, positive and with a non-zero first byte so that
 * it always prints as 40 hex characters (as EMS shows it and FortiGate's `Client cert SN` does).
 */
export function newSerial(random: Random): Buffer {
  const serial = random.bytes(20);
  serial[0] = serial[0]! & 0x7f || 0x01;
  return serial;
}

/** Upper-case hex, the way FortiOS prints serials and UIDs. */
export const hex = (bytes: Buffer): string => bytes.toString('hex').toUpperCase();
