// What every server-rendered page area (portal, workspace) shares: the CSRF check on forms, strict security headers
// and gzip, so both areas are hardened the same way.
import { timingSafeEqual } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UserError } from '../domain/errors.ts';

const CSP = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"].join('; ');

export type Body = Record<string, string | string[] | undefined>;

export function one(body: Body | undefined, name: string): string {
  const v = body?.[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

export function many(body: Body | undefined, name: string): string[] {
  const v = body?.[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Every POST must carry the session's CSRF token in `_csrf`; a form from another site has none. */
export function requireCsrf(area: FastifyInstance, expected: (request: FastifyRequest) => string): void {
  area.addHook('preHandler', async (request) => {
    if (request.method !== 'POST') return;
    const sent = Buffer.from(one(request.body as Body, '_csrf'));
    const want = Buffer.from(expected(request));
    if (sent.length !== want.length || !timingSafeEqual(sent, want)) {
      throw new UserError('forbidden', 'csrf.invalid', null, { nl: 'Dit formulier is verlopen. Laad de pagina opnieuw en probeer nog eens.', en: 'This form has expired. Reload the page and try again.' });
    }
  });
}

/** A strict content security policy (no inline script or style), no framing, no caching of personal pages, gzip. */
export function hardenPages(area: FastifyInstance): void {
  area.addHook('onSend', async (request, reply, payload) => {
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    reply.header('Cache-Control', 'no-store');
    if (typeof payload === 'string' && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      reply.header('Content-Encoding', 'gzip').header('Vary', 'Accept-Encoding');
      return gzipSync(payload);
    }
    return payload;
  });
}
