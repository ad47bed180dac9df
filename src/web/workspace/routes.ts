// The staff workspace under /werkplek: its own session cookie, login, CSRF, security headers, error pages, and the
// page modules of each capability (intake, duplicates, provider work, matching, referrals, import, search).
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { MAX_IMPORT_BYTES } from '../../app/import/read.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffActor, staffLogIn } from '../../app/accounts.ts';
import type { AppContext } from '../../app/context.ts';
import type { Actor } from '../../app/permissions.ts';
import { UserError } from '../../domain/errors.ts';
import type { App } from '../../http/server.ts';
import { html, type Html } from '../html.ts';
import { hardenPages, one, requireCsrf, type Body } from '../page-hooks.ts';
import { anonymousSession, cookieName, endSession, loadSession, startSession, switchLanguage, type Session } from '../sessions.ts';
import { isWLang, say, t, type WLang } from './i18n.ts';
import { csrfField, errorSummary, inputField, notice, page, problemsFrom, type StaffUser, type View } from './layout.ts';

declare module 'fastify' {
  interface FastifyRequest {
    workspace: Workspace;
  }
}

export interface Workspace {
  session: Session;
  view: View;
}

export const WORKSPACE_COOKIE = 'nabij_werkplek';

export function send(reply: FastifyReply, body: string, status = 200) {
  return reply.status(status).type('text/html; charset=utf-8').send(body);
}

/** The logged-in staff member; pages call this first, so an anonymous visitor goes to the login page. */
export function staffOf(request: FastifyRequest): Actor {
  if (!request.workspace.view.user) throw new UserError('unauthenticated', 'auth.required', null, { nl: 'Meld u eerst aan.', en: 'Please log in first.' });
  return request.actor;
}

export { one, many, type Body } from '../page-hooks.ts';

/** A tile on the "Today" page: a module shows what waits for this person. */
export interface Tile {
  roles: readonly string[];
  render(ctx: AppContext, actor: Actor, v: View): Promise<Html | null>;
}
const TILES: Tile[] = [];
export function addTile(tile: Tile): void {
  TILES.push(tile);
}

/** What a page module gets to register its routes. */
export type PageModule = (area: App, ctx: AppContext) => void;

function safeNext(next: string | undefined): string {
  return next && /^\/werkplek(\/[\w\-/]*)?$/.test(next) ? next : '/werkplek';
}

export function registerWorkspace(app: App, ctx: AppContext, modules: PageModule[] = [], options: { publicUrl?: string } = {}) {
  const secure = options.publicUrl?.startsWith('https://') ?? false;
  const sessionCookie = cookieName(WORKSPACE_COOKIE, secure);
  // A __Host- cookie must have path /; over plain http (development) it stays with the workspace's own pages.
  const cookiePath = secure ? '/' : '/werkplek';
  const setCookie = (reply: FastifyReply, value: string) => reply.setCookie(sessionCookie, value, { httpOnly: true, sameSite: 'lax', secure, path: cookiePath });

  app.register(async (area) => {
    await area.register(cookie);
    await area.register(formbody, { bodyLimit: 262_144 });
    // File uploads (the waiting-list import): one file, kept in memory, at most the import limit (NABIJ_IMPORT_MAX_MB).
    await area.register(multipart, { attachFieldsToBody: true, limits: { fileSize: ctx.importMaxBytes ?? MAX_IMPORT_BYTES, files: 1, fields: 20 } });
    area.decorateRequest('workspace', null as unknown as Workspace);
    // A multipart form's text fields become plain values, like a normal form's, so the CSRF check reads them alike.
    area.addHook('preValidation', async (request) => {
      if (!request.isMultipart() || !request.body || typeof request.body !== 'object') return;
      const body = request.body as Record<string, { type?: string; value?: unknown }>;
      for (const [k, v] of Object.entries(body)) if (v && typeof v === 'object' && v.type === 'field') (body as Record<string, unknown>)[k] = v.value;
    });

    area.addHook('onRequest', async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      let session = await loadSession(ctx, request.cookies[sessionCookie]);
      const asked = isWLang(query.taal) ? query.taal : null;
      if (!session) {
        const started = anonymousSession(asked ?? 'nl');
        setCookie(reply, started.cookie);
        session = started.session;
      } else if (asked && asked !== session.language) {
        const cookie = await switchLanguage(ctx, session, asked);
        if (cookie) setCookie(reply, cookie);
      }
      const staff = session.userId ? await staffActor(ctx.db, session.userId) : null;
      let user: StaffUser | null = null;
      if (staff) {
        const { name, email: _email, ...actor } = staff;
        request.actor = actor;
        user = { id: staff.userId as string, name, role: staff.role as StaffUser['role'] };
      } else request.actor = { ...request.actor, channel: 'web' };
      const lang: WLang = isWLang(session.language) ? session.language : 'nl';
      request.workspace = { session, view: { lang, path: request.url.split('?')[0] as string, csrf: session.csrf, loggedIn: user !== null, user } };
    });
    requireCsrf(area as unknown as FastifyInstance, (request) => request.workspace.session.csrf);
    hardenPages(area as unknown as FastifyInstance);

    area.setErrorHandler(async (err, request, reply) => {
      const v: View = request.workspace?.view ?? { lang: 'nl', path: request.url, csrf: '', loggedIn: false, user: null };
      if (err instanceof UserError && err.code === 'auth.required') {
        return reply.redirect(`/werkplek/aanmelden?next=${encodeURIComponent(request.url.split('?')[0] as string)}`, 303);
      }
      const back = html`<p><a href="/werkplek">${t(v.lang, 'error.back')}</a></p>`;
      if (err instanceof UserError) {
        const status = { invalid: 400, unauthenticated: 401, forbidden: 403, rate_limited: 429, not_found: 404, conflict: 409, unprocessable: 422 }[err.kind];
        return send(reply, page(v, t(v.lang, 'error.title'), html`${notice('error', say(v.lang, err))}${back}`), status);
      }
      const status = (err as { statusCode?: number }).statusCode;
      if ((err as { validation?: unknown }).validation || (status && status >= 400 && status < 500)) {
        return send(reply, page(v, t(v.lang, 'error.title'), html`${notice('error', t(v.lang, 'error.bad_form'))}${back}`), status ?? 400);
      }
      request.log.error({ err }, 'workspace page failed');
      return send(reply, page(v, t(v.lang, 'error.title'), notice('error', t(v.lang, 'error.ours'))), 500);
    });

    const loginPage = (v: View, next: string, email = '', problems = {}) =>
      page(v, t(v.lang, 'login.title'), html`${errorSummary(v, problems)}<p>${t(v.lang, 'login.intro')}</p>
        <form method="post" action="/werkplek/aanmelden" novalidate>${csrfField(v)}<input type="hidden" name="next" value="${next}">
          ${inputField({ name: 'email', label: t(v.lang, 'login.email'), type: 'email', autocomplete: 'username', value: email, problems })}
          ${inputField({ name: 'password', label: t(v.lang, 'login.password'), type: 'password', autocomplete: 'current-password', problems })}
          <div class="actions"><button type="submit">${t(v.lang, 'login.submit')}</button></div>
        </form>
        <p><a href="/portaal">${t(v.lang, 'nav.portal')}</a></p>`);

    area.get('/aanmelden', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => {
      const q = request.query as Record<string, string>;
      const v = request.workspace.view;
      return send(reply, loginPage(v, safeNext(q.next), '', {}).replace('<main id="inhoud" tabindex="-1">', `<main id="inhoud" tabindex="-1">${q.afgemeld ? notice('ok', t(v.lang, 'login.logged_out')).value : ''}`));
    });
    area.post('/aanmelden', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => {
      const body = request.body as Body;
      const v = request.workspace.view;
      try {
        const { userId } = await staffLogIn(ctx, { email: one(body, 'email'), password: one(body, 'password') }, request.ip);
        await endSession(ctx, request.workspace.session);
        const started = await startSession(ctx, { userId, language: v.lang });
        setCookie(reply, started.cookie);
        return reply.redirect(safeNext(one(body, 'next')), 303);
      } catch (err) {
        if (!(err instanceof UserError) || !['unauthenticated', 'rate_limited'].includes(err.kind)) throw err;
        const problems = problemsFrom(v.lang, [{ field: 'password', code: err.code, nl: err.nl, en: err.en }]);
        return send(reply, loginPage(v, safeNext(one(body, 'next')), one(body, 'email'), problems), err.kind === 'rate_limited' ? 429 : 401);
      }
    });
    area.post('/afmelden', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => {
      await endSession(ctx, request.workspace.session);
      reply.clearCookie(sessionCookie, { path: cookiePath });
      return reply.redirect('/werkplek/aanmelden?afgemeld=1', 303);
    });

    area.get('/', { config: { action: 'me.read' }, schema: { hide: true } }, async (request, reply) => {
      const actor = staffOf(request);
      const v = request.workspace.view;
      const tiles = [];
      for (const tile of TILES) if (tile.roles.includes(actor.role)) tiles.push(await tile.render(ctx, actor, v));
      return send(reply, page(v, t(v.lang, 'home.title'), html`<p>${t(v.lang, 'home.hello', { name: v.user!.name, role: t(v.lang, `role.${v.user!.role}` as 'role.admin') })}</p>
        <div class="cols">${tiles.filter(Boolean)}</div>`, { wide: true }));
    });

    for (const register of modules) register(area as unknown as App, ctx);
  }, { prefix: '/werkplek' });
}
