/** IPv4 addresses as unsigned 32-bit numbers, for the address objects of ZTNA rules. */

const OCTETS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** `10.0.3.7` → its number; undefined for anything that is not a dotted-quad IPv4 address. */
export function parseIpv4(text: string): number | undefined {
  const match = OCTETS.exec(text);
  if (!match) return undefined;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(match[i]);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** A number → its dotted-quad IPv4 address. */
export const formatIpv4 = (value: number): string => [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');

/**
 * The address a request came from, as the access proxy reads it: an IPv4-mapped IPv6 address
 * (`::ffff:127.0.0.1`, what a dual-stack Node socket reports) is its IPv4 address.
 */
export const requestSourceIpv4 = (address: string): number | undefined =>
  parseIpv4(address.startsWith('::ffff:') ? address.slice(7) : address);

/** `255.255.255.0` or `24` → the mask as a number; undefined for a mask that is not contiguous. */
export function parseNetmask(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) {
    const bits = Number(text);
    if (bits > 32) return undefined;
    return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  }
  const mask = parseIpv4(text);
  if (mask === undefined) return undefined;
  const inverted = ~mask >>> 0;
  return (inverted & (inverted + 1)) === 0 ? mask : undefined;
}

/** Whether `ip` lies in `subnet`/`mask`. */
export const inSubnet = (ip: number, subnet: number, mask: number): boolean =>
  (ip & mask) >>> 0 === (subnet & mask) >>> 0;
