/**
 * A small IPv4/IPv6 CIDR matcher for the `allowedIpRanges` setting. Addresses
 * are compared as byte arrays; an IPv4-mapped IPv6 address (::ffff:a.b.c.d)
 * also matches IPv4 ranges, since sign-in logs show either form.
 */

export interface CidrRange {
  text: string;
  bytes: Uint8Array;
  prefix: number;
}

export function parseIPv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i] as string;
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

export function parseIPv6(input: string): Uint8Array | undefined {
  let text = input;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  if (!text.includes(':')) return undefined;

  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as the last two groups.
  let tail: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  const maybeV4 = text.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    tail = parseIPv4(maybeV4);
    if (!tail) return undefined;
    text = text.slice(0, lastColon + 1) + '0:0';
  }

  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? (halves[0] as string).split(':') : [];
  const rest = halves.length === 2 && halves[1] ? (halves[1] as string).split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];

  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const g = groups[i] as string;
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    const n = parseInt(g, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  }
  if (tail) out.set(tail, 12);
  return out;
}

/** Bytes of an address in either family, or undefined when it is not an address. */
export function parseIp(text: string): Uint8Array | undefined {
  const t = text.trim();
  return t.includes(':') ? parseIPv6(t) : parseIPv4(t);
}

/** '10.0.0.0/8', '2001:db8::/32', or a bare address (a /32 or /128). */
export function parseCidr(text: string): CidrRange | undefined {
  const [addr, len, extra] = text.trim().split('/');
  if (addr === undefined || extra !== undefined) return undefined;
  const bytes = parseIp(addr);
  if (!bytes) return undefined;
  const max = bytes.length * 8;
  if (len !== undefined && !/^\d{1,3}$/.test(len)) return undefined;
  const prefix = len === undefined ? max : Number(len);
  if (prefix > max) return undefined;
  return { text: text.trim(), bytes, prefix };
}

function v4FromMapped(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length !== 16) return undefined;
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return undefined;
  if (bytes[10] !== 0xff || bytes[11] !== 0xff) return undefined;
  return bytes.subarray(12);
}

function prefixMatches(addr: Uint8Array, range: CidrRange): boolean {
  if (addr.length !== range.bytes.length) return false;
  const full = range.prefix >> 3;
  for (let i = 0; i < full; i++) if (addr[i] !== range.bytes[i]) return false;
  const bits = range.prefix & 7;
  if (bits === 0) return true;
  const mask = (0xff << (8 - bits)) & 0xff;
  return ((addr[full] as number) & mask) === ((range.bytes[full] as number) & mask);
}

export function ipInRange(ip: string, range: CidrRange): boolean {
  const addr = parseIp(ip);
  if (!addr) return false;
  if (prefixMatches(addr, range)) return true;
  const v4 = v4FromMapped(addr);
  return v4 !== undefined && prefixMatches(v4, range);
}

/** A compiled allow-list. Invalid entries are reported, not silently dropped. */
export interface CidrSet {
  ranges: CidrRange[];
  invalid: string[];
  contains(ip: string): boolean;
}

export function compileCidrSet(entries: readonly string[]): CidrSet {
  const ranges: CidrRange[] = [];
  const invalid: string[] = [];
  for (const e of entries) {
    const r = parseCidr(e);
    if (r) ranges.push(r);
    else invalid.push(e);
  }
  return {
    ranges,
    invalid,
    contains(ip: string): boolean {
      const addr = parseIp(ip);
      if (!addr) return false;
      const v4 = v4FromMapped(addr);
      for (const r of ranges) {
        if (prefixMatches(addr, r)) return true;
        if (v4 && prefixMatches(v4, r)) return true;
      }
      return false;
    },
  };
}
