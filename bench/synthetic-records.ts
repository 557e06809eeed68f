import type { EndpointRecord } from '../src/gateway';

/**
 * Deterministic bytes (Marsaglia's xorshift128), far cheaper than SeededRandom's SHA-256 when a
 * million records need ~60 random bytes each. For synthetic benchmark data only.
 */
export class FastBytes {
  private readonly state = new Uint32Array(4);
  private readonly buffer = Buffer.alloc(4096);
  private offset = this.buffer.length;

  constructor(seed = 1) {
    // splitmix32 spreads a small seed over the four state words (never all zero).
    let z = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      z = (z + 0x9e3779b9) >>> 0;
      let m = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      m = Math.imul(m ^ (m >>> 13), 0xc2b2ae35);
      this.state[i] = (m ^ (m >>> 16)) >>> 0 || 1;
    }
  }

  /** One fresh byte. */
  byte(): number {
    if (this.offset === this.buffer.length) this.refill();
    return this.buffer[this.offset++]!;
  }

  private refill(): void {
    const s = this.state;
    for (let i = 0; i < this.buffer.length; i += 4) {
      const t = s[0]! ^ (s[0]! << 11);
      s[0] = s[1]!;
      s[1] = s[2]!;
      s[2] = s[3]!;
      s[3] = s[3]! ^ (s[3]! >>> 19) ^ (t ^ (t >>> 8));
      this.buffer.writeUInt32LE(s[3]!, i);
    }
    this.offset = 0;
  }
}

const TAG_SETS: readonly (readonly string[])[] = [
  ['Domain-Users'],
  ['Domain-Users', 'HR'],
  ['Domain-Users', 'Finance'],
  [],
];
const OS_NAMES = ['Microsoft Windows 11 Professional Edition, 64-bit', 'macOS Sonoma 14.5', 'Ubuntu 24.04 LTS'];
const HEX_UPPER = Buffer.from('0123456789ABCDEF', 'latin1');
const HEX_LOWER = Buffer.from('0123456789abcdef', 'latin1');

/**
 * Builds short ASCII strings in a scratch buffer and decodes them in one call: the strings come
 * out flat, as parsed off the wire (template literals would leave cons-strings that cost more
 * memory), and a million records build in about a second.
 */
class Ascii {
  private readonly buffer = Buffer.alloc(128);
  private length = 0;

  text(value: string): this {
    for (let i = 0; i < value.length; i++) this.buffer[this.length++] = value.charCodeAt(i);
    return this;
  }

  /** `count` random bytes in hex, optionally separated (a MAC address). */
  hex(random: FastBytes, count: number, upper: boolean, separator?: number): this {
    const digits = upper ? HEX_UPPER : HEX_LOWER;
    for (let i = 0; i < count; i++) {
      if (separator !== undefined && i > 0) this.buffer[this.length++] = separator;
      const byte = random.byte();
      this.buffer[this.length++] = digits[byte >> 4]!;
      this.buffer[this.length++] = digits[byte & 15]!;
    }
    return this;
  }

  decimal(value: number): this {
    return this.text(String(value));
  }

  /** The string built so far; the builder starts over. */
  take(): string {
    const out = this.buffer.toString('latin1', 0, this.length);
    this.length = 0;
    return out;
  }
}

const ascii = new Ascii();
const COLON = 0x3a;

/** Upper-case hex of `bytes` random bytes: a UID (16) or a certificate serial (20). */
export const randomHex = (random: FastBytes, bytes: number): string => ascii.hex(random, bytes, true).take();

/**
 * The n-th synthetic endpoint record, shaped as the fabric delivers one: its own UID, SN, host
 * name, IP and MAC strings, a tags array of its own holding shared tag strings, and the EMS
 * serial, tenant id and OS strings every record of an EMS shares.
 */
export function syntheticRecord(random: FastBytes, n: number, emsSerial: string, tenantId: string): EndpointRecord {
  const uid = randomHex(random, 16);
  const certSn = randomHex(random, 20);
  const ip = ascii
    .text('10.')
    .decimal(random.byte())
    .text('.')
    .decimal(random.byte())
    .text('.')
    .decimal(random.byte() | 1)
    .take();
  const mac = ascii.hex(random, 6, false, COLON).take();
  return {
    uid,
    certSn,
    emsSerial,
    tenantId,
    online: n % 10 !== 0,
    registered: true,
    tags: [...TAG_SETS[n % TAG_SETS.length]!],
    hostName: ascii
      .text('DESKTOP-')
      .text((n + 100_000).toString(36).toUpperCase())
      .take(),
    os: OS_NAMES[n % OS_NAMES.length]!,
    ip,
    mac,
  };
}

/** `count` synthetic records. */
export function syntheticRecords(
  count: number,
  seed = 1,
  emsSerial = 'FCTEMS8822001975',
  tenantId = '0'.repeat(32),
): EndpointRecord[] {
  const random = new FastBytes(seed);
  const records = new Array<EndpointRecord>(count);
  for (let n = 0; n < count; n++) records[n] = syntheticRecord(random, n, emsSerial, tenantId);
  return records;
}

/** `count` distinct synthetic revoked serials (40 hex characters). */
export function syntheticSerials(count: number, seed = 2): string[] {
  const random = new FastBytes(seed);
  const serials = new Array<string>(count);
  for (let n = 0; n < count; n++) serials[n] = randomHex(random, 20);
  return serials;
}
