// What the request log may hold: method, route and status, never personal data from addresses (queries, ids, tokens).
import type { FastifyRequest } from 'fastify';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// National numbers (11 digits, with or without dots) and one-time tokens in paths.
const NUMBER = /\b\d{2}\.?\d{2}\.?\d{2}-?\d{3}\.?\d{2}\b/g;
const TOKEN = /[A-Za-z0-9_-]{20,}/g;

/** The address without its query string, with ids of people, national numbers and tokens replaced. */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const clean = path.replace(UUID, ':id').replace(NUMBER, ':number').replace(TOKEN, ':token');
  return query === undefined ? clean : `${clean}?…`;
}

/** Pino options for the server: a request is logged as method, redacted address and request id only. */
export function loggerOptions(level: string, stream?: { write(line: string): void }) {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url), id: req.id }),
    },
  };
}
