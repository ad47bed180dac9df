// Which addresses a webhook may reach: public unicast only, checked on the URL and on every address DNS gives for it.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

/** The test setting (NABIJ_WEBHOOKS_ALLOW_LOCAL): plain http and loopback receivers, nothing else private. */
export interface TargetPolicy {
  allowLocal: boolean;
}

function v4(ip: string): number[] | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  const n = parts.map(Number);
  return n.every((x, i) => Number.isInteger(x) && x >= 0 && x <= 255 && /^\d+$/.test(parts[i] as string)) ? n : null;
}

/** The eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail included), or null. */
function v6(ip: string): number[] | null {
  let s = ip.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    const b = v4(tail[1] as string);
    if (!b) return null;
    s = `${s.slice(0, -tail[1]!.length)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const part = (x: string) => (x ? x.split(':') : []);
  const head = part(halves[0] ?? '');
  const rest = halves.length === 2 ? part(halves[1] ?? '') : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  if (fill < 0 || (halves.length === 1 && head.length !== 8)) return null;
  const groups = [...head, ...Array(fill).fill('0'), ...rest];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

function v4Forbidden(b: number[], policy: TargetPolicy): boolean {
  const [a = 0, c = 0, d = 0] = b;
  if (a === 127) return !policy.allowLocal;
  return (
    a === 0 || // this network
    a === 10 ||
    (a === 100 && c >= 64 && c <= 127) || // carrier-grade NAT
    (a === 169 && c === 254) || // link-local, cloud metadata (169.254.169.254)
    (a === 172 && c >= 16 && c <= 31) ||
    (a === 192 && c === 0 && (d === 0 || d === 2)) || // IETF protocol assignments, TEST-NET-1
    (a === 192 && c === 88 && d === 99) || // 6to4 relay
    (a === 192 && c === 168) ||
    (a === 198 && (c === 18 || c === 19)) || // benchmarking
    (a === 198 && c === 51 && d === 100) ||
    (a === 203 && c === 0 && d === 113) ||
    a >= 224 // multicast, reserved, broadcast
  );
}

/**
 * True when the address is not public unicast. IPv6 is allowed only in global unicast (2000::/3) outside the
 * documentation, Teredo and 6to4 ranges; an IPv4-mapped or NAT64 address is judged by the IPv4 address inside it.
 */
export function forbiddenAddress(ip: string, policy: TargetPolicy = { allowLocal: false }): boolean {
  const four = v4(ip);
  if (four) return v4Forbidden(four, policy);
  const g = v6(ip);
  if (!g) return true;
  const embedded = [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255];
  const zero = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zero(5) && g[5] === 0xffff) return v4Forbidden(embedded, policy); // ::ffff:a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4Forbidden(embedded, policy); // NAT64
  if (zero(7) && g[7] === 1) return !policy.allowLocal; // ::1
  if ((g[0]! & 0xe000) !== 0x2000) return true; // ::, ::a.b.c.d, fc00::/7, fe80::/10, ff00::/8 and the rest
  if (g[0] === 0x2001 && (g[1] === 0x0db8 || g[1] === 0)) return true; // documentation, Teredo
  if (g[0] === 0x2002) return true; // 6to4 wraps any IPv4 address
  return false;
}

/** The host of an http(s) URL as an address or name, without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

export class TargetRefused extends Error {
  readonly code = 'ETARGETREFUSED';
}

/**
 * A DNS lookup for the HTTP agent that refuses a name when any address it resolves to is forbidden. Delivery uses it
 * on every connection, so a name that pointed elsewhere when it was saved (DNS rebinding) cannot reach inside.
 */
export function guardedLookup(policy: TargetPolicy) {
  return (hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as LookupAddress[];
      if (!list.length || list.some((a) => forbiddenAddress(a.address, policy))) return callback(new TargetRefused(`refused: ${hostname}`), '');
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
}

/** Resolves a host for the save-time check: the addresses it has now, or none when it does not resolve (yet). */
export async function addressesOf(host: string): Promise<string[]> {
  if (isIP(host)) return [host];
  return new Promise((resolve) => {
    dnsLookup(host, { all: true }, (err, addresses) => resolve(err ? [] : (addresses as LookupAddress[]).map((a) => a.address)));
  });
}
