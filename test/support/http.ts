// In-process API suites: a fresh database, the fixture world and a server per suite, and calls as a fixture user.
import { after, before } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildServer, type App } from '../../src/http/server.ts';
import type { Flavour, TestDb } from './db.ts';
import { buildWorld, type World } from './fixtures.ts';

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

export interface ApiSuite {
  readonly t: TestDb;
  readonly w: World;
  readonly app: App;
  call: Call;
}

/** Registers before/after hooks in the calling describe block and hands out the suite's database, world and caller. */
export function apiSuite(flavour: Flavour, options: { now?: () => Date } = {}): ApiSuite {
  const s = {} as { t: TestDb; w: World; app: App };
  before(async () => {
    s.t = await flavour.open(options);
    s.w = await buildWorld(s.t.ctx);
    s.app = await buildServer(s.t.ctx);
  });
  after(async () => {
    await s.app.close();
    await s.t.close();
  });
  return {
    get t() {
      return s.t;
    },
    get w() {
      return s.w;
    },
    get app() {
      return s.app;
    },
    call: caller(() => s.app, () => s.w),
  };
}
