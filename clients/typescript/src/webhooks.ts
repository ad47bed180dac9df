// Checking a webhook delivery: the Nabij-Signature header is t=<unix>,v1=<hex HMAC-SHA256 of "t.body">.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface VerifyOptions {
  /** Refuse signatures older or newer than this (replays); default 5 minutes. */
  toleranceSeconds?: number;
  /** The current time in seconds (tests); default the clock. */
  nowSeconds?: number;
}

/** True only for the exact raw body Nabij signed with this secret, recently. Verify before parsing the JSON. */
export function verifySignature(secret: string, header: string | undefined | null, rawBody: string, options: VerifyOptions = {}): boolean {
  if (!header) return false;
  let t = NaN;
  const macs: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't') t = Number(v);
    if (k === 'v1' && v) macs.push(v);
  }
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(t) || Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  return macs.some((m) => {
    const given = Buffer.from(m, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
