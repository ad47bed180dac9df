// Reads a zip archive's central directory (no decompression) to refuse zip bombs before anything inflates them.

export interface ZipLimits {
  /** Most entries an archive may list. */
  maxEntries: number;
  /** Most bytes all entries together may declare once uncompressed. */
  maxUncompressed: number;
  /** Highest uncompressed / compressed ratio of one entry larger than 1 MB uncompressed. */
  maxRatio: number;
}

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

export type ZipVerdict = { ok: true; entries: ZipEntry[] } | { ok: false; reason: 'not_a_zip' | 'too_many_entries' | 'too_large' | 'ratio' };

/**
 * The central directory as the archive declares it. Zip64 archives (sizes 0xffffffff) are refused as too large: a
 * waiting list never needs them. The declared sizes are also what the streaming reader is held to (see read.ts).
 */
export function inspectZip(bytes: Uint8Array, limits: ZipLimits): ZipVerdict {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'not_a_zip' };
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) return { ok: false, reason: 'too_large' };
  if (count > limits.maxEntries) return { ok: false, reason: 'too_many_entries' };
  if (offset + size > bytes.byteLength) return { ok: false, reason: 'not_a_zip' };
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) return { ok: false, reason: 'not_a_zip' };
    const compressed = view.getUint32(at + 20, true);
    const uncompressed = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) return { ok: false, reason: 'too_large' };
    total += uncompressed;
    if (total > limits.maxUncompressed) return { ok: false, reason: 'too_large' };
    if (uncompressed > 1_048_576 && uncompressed > limits.maxRatio * Math.max(compressed, 1)) return { ok: false, reason: 'ratio' };
    entries.push({ name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)), compressed, uncompressed, localOffset: view.getUint32(at + 42, true) });
    at += 46 + nameLength + extra + comment;
  }
  return { ok: true, entries };
}
