// The compact instance format (.nbm) next to the JSON: the flat arrays as they are in memory, read without parsing.
import { compileFlat, SLOTS, type CompiledInstance, type Instance } from './instance.ts';
import { InstanceError } from './instance.ts';

const MAGIC = 0x314d424e; // 'NBM1', little-endian
const HEADER_WORDS = 8;

/**
 * Layout (little-endian, each part starting on an 8-byte boundary): header (magic, locations, units, entries, requests,
 * location-id bytes, request-id bytes, 0), capacity Int32[M×10], demand Int32[U×10], children Int32[U],
 * prefStart Int32[U+1], prefLocation Int32[E], prefPriority Float64[E], location-id offsets Uint32[M+1] and UTF-8 bytes,
 * request-id offsets Uint32[R+1] and UTF-8 bytes. Requests are in unit order: a unit of k children owns the next k ids.
 */
export function encodeCompact(inst: Instance, locationIds: string[], requestIds: (i: number) => string): Uint8Array {
  const enc = new TextEncoder();
  let R = 0;
  for (let u = 0; u < inst.unitCount; u++) R += inst.children[u] as number;
  const locBytes = locationIds.map((s) => enc.encode(s));
  const reqParts: Uint8Array[] = new Array(R);
  let reqLen = 0;
  for (let i = 0; i < R; i++) {
    reqParts[i] = enc.encode(requestIds(i));
    reqLen += (reqParts[i] as Uint8Array).length;
  }
  let locLen = 0;
  for (const b of locBytes) locLen += b.length;
  const M = inst.locationCount;
  const U = inst.unitCount;
  const E = inst.prefLocation.length;
  const pad = (n: number) => (n + 7) & ~7;
  const sizes = [HEADER_WORDS * 4, M * SLOTS * 4, U * SLOTS * 4, U * 4, (U + 1) * 4, E * 4, E * 8, (M + 1) * 4, locLen, (R + 1) * 4, reqLen];
  let total = 0;
  for (const s of sizes) total += pad(s);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  const part = (n: number) => {
    const from = at;
    at += pad(n);
    return from;
  };
  const h = part(sizes[0] as number);
  [MAGIC, M, U, E, R, locLen, reqLen, 0].forEach((v, k) => view.setUint32(h + 4 * k, v, true));
  out.set(new Uint8Array(inst.capacity.buffer, inst.capacity.byteOffset, M * SLOTS * 4), part(M * SLOTS * 4));
  out.set(new Uint8Array(inst.demand.buffer, inst.demand.byteOffset, U * SLOTS * 4), part(U * SLOTS * 4));
  out.set(new Uint8Array(inst.children.buffer, inst.children.byteOffset, U * 4), part(U * 4));
  out.set(new Uint8Array(inst.prefStart.buffer, inst.prefStart.byteOffset, (U + 1) * 4), part((U + 1) * 4));
  out.set(new Uint8Array(inst.prefLocation.buffer, inst.prefLocation.byteOffset, E * 4), part(E * 4));
  out.set(new Uint8Array(inst.prefPriority.buffer, inst.prefPriority.byteOffset, E * 8), part(E * 8));
  // Ids: offsets, then the bytes one after the other.
  const ids = (list: Uint8Array[], bytes: number) => {
    const offsets = new Uint32Array(out.buffer, part((list.length + 1) * 4), list.length + 1);
    let at = part(bytes);
    for (let k = 0; k < list.length; k++) {
      const b = list[k] as Uint8Array;
      offsets[k + 1] = (offsets[k] as number) + b.length;
      out.set(b, at);
      at += b.length;
    }
  };
  ids(locBytes, locLen);
  ids(reqParts, reqLen);
  return out;
}

export interface CompactIds {
  bytes: Uint8Array;
  offsets: Uint32Array;
}

/** Reads the compact form; the arrays are views on the bytes (aligned to 8), checked for consistency. */
export function decodeCompact(bytes: Uint8Array): { compiled: CompiledInstance; requestIdBytes: CompactIds } {
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const fail = (en: string, nl: string) => new InstanceError([{ field: 'instance', code: 'instance.compact', en: `compact instance: ${en}`, nl: `compact bestand: ${nl}` }]);
  if (bytes.length < HEADER_WORDS * 4) throw fail('too short', 'te kort');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const [magic, M, U, E, R, locLen, reqLen] = Array.from({ length: 7 }, (_, k) => view.getUint32(4 * k, true)) as number[] as [number, number, number, number, number, number, number];
  if (magic !== MAGIC) throw fail('not an .nbm file', 'geen .nbm-bestand');
  const pad = (n: number) => (n + 7) & ~7;
  let at = bytes.byteOffset + pad(HEADER_WORDS * 4);
  const end = bytes.byteOffset + bytes.length;
  const take = <T>(n: number, make: (offset: number) => T): T => {
    if (at + n > end) throw fail('truncated', 'afgebroken');
    const v = make(at);
    at += pad(n);
    return v;
  };
  const buf = bytes.buffer;
  const capacity = take(M * SLOTS * 4, (o) => new Int32Array(buf, o, M * SLOTS));
  const demand = take(U * SLOTS * 4, (o) => new Int32Array(buf, o, U * SLOTS));
  const children = take(U * 4, (o) => new Int32Array(buf, o, U));
  const prefStart = take((U + 1) * 4, (o) => new Int32Array(buf, o, U + 1));
  const prefLocation = take(E * 4, (o) => new Int32Array(buf, o, E));
  const prefPriority = take(E * 8, (o) => new Float64Array(buf, o, E));
  const locOffsets = take((M + 1) * 4, (o) => new Uint32Array(buf, o, M + 1));
  const locBytes = take(locLen, (o) => new Uint8Array(buf, o, locLen));
  const reqOffsets = take((R + 1) * 4, (o) => new Uint32Array(buf, o, R + 1));
  const reqBytes = take(reqLen, (o) => new Uint8Array(buf, o, reqLen));
  // The same guarantees as the JSON checks, on arrays: bounds, whole seats, finite priorities, children adding up.
  let children2 = 0;
  if (prefStart[0] !== 0 || prefStart[U] !== E) throw fail('preference offsets do not add up', 'de wensen tellen niet op');
  for (let u = 0; u < U; u++) {
    if ((prefStart[u + 1] as number) < (prefStart[u] as number)) throw fail(`unit ${u}: preference offsets go back`, `eenheid ${u}: de wensen lopen terug`);
    if ((children[u] as number) < 1) throw fail(`unit ${u}: needs at least one child`, `eenheid ${u}: heeft minstens één kind nodig`);
    children2 += children[u] as number;
    let some = false;
    for (let s = 0; s < SLOTS; s++) {
      const x = demand[u * SLOTS + s] as number;
      if (x < 0) throw fail(`unit ${u}: negative seats`, `eenheid ${u}: negatieve plaatsen`);
      if (x > 0) some = true;
    }
    if (!some) throw fail(`unit ${u}: asks for a seat on no day`, `eenheid ${u}: vraagt op geen enkele dag een plaats`);
  }
  if (children2 !== R) throw fail('children and request ids do not match', 'kinderen en aanvraagnummers komen niet overeen');
  for (let k = 0; k < M * SLOTS; k++) if ((capacity[k] as number) < 0) throw fail(`location ${Math.floor(k / SLOTS)}: negative capacity`, `locatie ${Math.floor(k / SLOTS)}: negatieve capaciteit`);
  for (let p = 0; p < E; p++) {
    const L = prefLocation[p] as number;
    if (L < 0 || L >= M) throw fail(`entry ${p}: unknown location ${L}`, `wens ${p}: onbekende locatie ${L}`);
    if (!Number.isFinite(prefPriority[p] as number)) throw fail(`entry ${p}: priority must be a number`, `wens ${p}: voorrang moet een getal zijn`);
  }
  const dec = new TextDecoder();
  // One decode for all request ids; plain ASCII (the usual case) lets each id be a slice of it.
  let ascii = true;
  for (let k = 0; k < reqBytes.length; k++) if ((reqBytes[k] as number) > 127) ascii = false;
  const all = ascii ? dec.decode(reqBytes) : '';
  const requestId = ascii ? (i: number) => all.slice(reqOffsets[i] as number, reqOffsets[i + 1] as number) : (i: number) => dec.decode(reqBytes.subarray(reqOffsets[i] as number, reqOffsets[i + 1] as number));
  // Duplicate ids: a hash of each id's bytes, sorted; only equal hashes are compared as text.
  if (R >= 4194304) throw fail('more than 4,194,303 requests', 'meer dan 4.194.303 aanvragen');
  const hashes = new Float64Array(R);
  for (let i = 0; i < R; i++) {
    const a = reqOffsets[i] as number;
    const b = reqOffsets[i + 1] as number;
    if (b <= a) throw fail(`request ${i}: empty id`, `aanvraag ${i}: lege id`);
    let h = 0x811c9dc5;
    for (let k = a; k < b; k++) h = Math.imul(h ^ (reqBytes[k] as number), 16777619);
    hashes[i] = (h >>> 1) * 4194304 + i; // 31 hash bits above, the index below (R < 2^22): exact in a double
  }
  hashes.sort();
  for (let k = 1; k < R; k++) {
    const x = hashes[k - 1] as number;
    const y = hashes[k] as number;
    if (Math.floor(x / 4194304) !== Math.floor(y / 4194304)) continue;
    const i = x % 4194304;
    const j = y % 4194304;
    if (requestId(i) === requestId(j)) throw fail(`request id '${requestId(i)}' appears twice`, `aanvraag '${requestId(i)}' komt twee keer voor`);
  }
  const locationIds = Array.from({ length: M }, (_, L) => dec.decode(locBytes.subarray(locOffsets[L] as number, locOffsets[L + 1] as number)));
  const instance: Instance = { locationCount: M, capacity, unitCount: U, demand, children, prefStart, prefLocation, prefPriority };
  if (new Set(locationIds).size !== M) throw fail('a location id appears twice', 'een locatie komt twee keer voor');
  const compiled = compileFlat(instance, { location: (L) => locationIds[L] as string, request: requestId });
  return { compiled, requestIdBytes: { bytes: reqBytes, offsets: reqOffsets } };
}
