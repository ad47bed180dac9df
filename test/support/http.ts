// Calls the API in-process as one of the fixture users (by key), optionally with extra headers.
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/http/server.ts';
import type { World } from './fixtures.ts';

export type Call = (method: 'GET' | 'POST' | 'PUT', url: string, who?: string, payload?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;

/** `app` and `world` are read at call time, so suites can create them in `before`. */
export function caller(app: () => App, world: () => World): Call {
  return (method, url, who, payload, headers = {}) =>
    app().inject({
      method,
      url,
      headers: { ...(who ? { authorization: `Bearer ${world().tokens[who]}` } : {}), ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
}
