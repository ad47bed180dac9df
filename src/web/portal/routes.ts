// The parent portal as server-rendered pages under /portaal: session and language per request, CSRF on every form,
// strict security headers, and login with e-mail and password or the government login. Pages are thin: they call use cases.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hardenPages, one, requireCsrf, type Body } from '../page-hooks.ts';
import type { AppContext } from '../../app/context.ts';
import { accountForGovernmentLogin, loadAccount, logIn, parentActor, requestPasswordReset, resetPassword, signUp, verifyEmail, type AccountView } from '../../app/portal/accounts.ts';
import { UserError } from '../../domain/errors.ts';
import type { App } from '../../http/server.ts';
import { ASSETS } from '../assets.ts';
import { html } from '../html.ts';
import type { GovernmentLogin } from '../oidc.ts';
import { anonymousSession, cookieName, endSession, loadSession, saveSession, SESSION_COOKIE, startSession, switchLanguage, type Session } from '../sessions.ts';
import { isLang, t, type Lang } from './i18n.ts';
import { csrfField, errorSummary, inputField, notice, page, problemsFrom, type Problems, type View } from './layout.ts';
import { registerInfoPages } from './pages-info.ts';
import { registerRegistrationPages } from './pages-register.ts';
import { registerRequestPages } from './pages-requests.ts';
import { registerSocialMapPages } from './pages-social-map.ts';

declare module 'fastify' {
  interface FastifyRequest {
    portal: Portal;
  }
}

export interface Portal {
  session: Session;
  account: AccountView | null;
  view: View;
}

export interface PortalOptions {
  governmentLogin?: GovernmentLogin | null;
  publicUrl?: string;
}

export { one, many, type Body } from '../page-hooks.ts';

export function send(reply: FastifyReply, body: string, status = 200) {
  return reply.status(status).type('text/html; charset=utf-8').send(body);
}

/** A page that needs a logged-in parent; the permission check already sent anonymous visitors to the login page. */
export function accountOf(request: FastifyRequest): AccountView {
  const a = request.portal.account;
  if (!a) throw new UserError('unauthenticated', 'auth.required', null, { nl: 'Meld u eerst aan.', en: 'Please log in first.' });
  return a;
}

/** The client address the limits count: the connection's, or behind a trusted proxy (NABIJ_TRUST_PROXY) the one it reports. */
function clientKey(request: FastifyRequest): string {
  return request.ip;
}

function safeNext(next: string | undefined): string {
  return next && /^\/portaal(\/[\w\-/]*)?$/.test(next) ? next : '/portaal/aanvragen';
}

export function registerPortal(app: App, ctx: AppContext, options: PortalOptions = {}) {
  const secure = options.publicUrl?.startsWith('https://') ?? false;
  const sessionCookie = cookieName(SESSION_COOKIE, secure);
  const setCookie = (reply: FastifyReply, value: string) => reply.setCookie(sessionCookie, value, { httpOnly: true, sameSite: 'lax', secure, path: '/' });

  for (const a of [ASSETS.css, ASSETS.js]) {
    app.get(a.path, { config: { action: 'public.read' }, schema: { hide: true } }, async (request, reply) => {
      reply.header('Cache-Control', 'public, max-age=31536000, immutable').header('X-Content-Type-Options', 'nosniff').type(a.type);
      if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.header('Content-Encoding', 'gzip').header('Vary', 'Accept-Encoding').send(a.gzip);
      return reply.send(a.body);
    });
  }

  app.register(async (portal) => {
    await portal.register(cookie);
    await portal.register(formbody, { bodyLimit: 262_144 });
    portal.decorateRequest('portal', null as unknown as Portal);

    portal.addHook('onRequest', async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      let session = await loadSession(ctx, request.cookies[sessionCookie]);
      const asked = isLang(query.taal) ? query.taal : null;
      if (!session) {
        const accepted = String(request.headers['accept-language'] ?? '').slice(0, 2);
        const started = anonymousSession(asked ?? (isLang(accepted) ? accepted : 'nl'));
        setCookie(reply, started.cookie);
        session = started.session;
      } else if (asked && asked !== session.language) {
        const cookie = await switchLanguage(ctx, session, asked);
        if (cookie) setCookie(reply, cookie);
      }
      const account = session.accountId ? await loadAccount(ctx.db, session.accountId) : null;
      if (account) request.actor = parentActor(account);
      else request.actor = { ...request.actor, channel: 'web' };
      const path = request.url.split('?')[0] as string;
      request.portal = { session, account, view: { lang: session.language as Lang, path, csrf: session.csrf, loggedIn: account !== null } };
    });

    requireCsrf(portal as unknown as FastifyInstance, (request) => request.portal.session.csrf);
    hardenPages(portal as unknown as FastifyInstance);

    portal.setErrorHandler(async (err, request, reply) => {
      const v = request.portal?.view ?? { lang: 'nl' as Lang, path: request.url, csrf: '', loggedIn: false };
      // Not logged in: to the login page. A failed login itself (government login refused) shows its message instead.
      if (err instanceof UserError && err.code === 'auth.required') {
        return reply.redirect(`/portaal/aanmelden?next=${encodeURIComponent(request.url.split('?')[0] as string)}`, 303);
      }
      if (err instanceof UserError) {
        const status = { invalid: 400, unauthenticated: 401, forbidden: 403, rate_limited: 429, not_found: 404, conflict: 409, unprocessable: 422 }[err.kind];
        const text = v.lang === 'nl' ? err.nl : err.en;
        return send(reply, page(v, t(v.lang, 'error.title'), html`${notice('error', html`<p lang="${v.lang === 'nl' ? 'nl' : 'en'}">${text}</p>`)}<p><a href="/portaal">${t(v.lang, 'error.back')}</a></p>`), status);
      }
      const validation = (err as { validation?: unknown }).validation;
      if (validation || (err as { statusCode?: number }).statusCode === 400) {
        return send(reply, page(v, t(v.lang, 'error.title'), html`${notice('error', t(v.lang, 'error.bad_form'))}<p><a href="/portaal">${t(v.lang, 'error.back')}</a></p>`), 400);
      }
      const status = (err as { statusCode?: number }).statusCode;
      if (status && status >= 400 && status < 500) return send(reply, page(v, t(v.lang, 'error.title'), notice('error', t(v.lang, 'error.bad_form'))), status);
      request.log.error({ err }, 'portal page failed');
      return send(reply, page(v, t(v.lang, 'error.title'), notice('error', t(v.lang, 'error.ours'))), 500);
    });

    registerAccountPages(portal as App, ctx, options, setCookie);
    registerInfoPages(portal as App, ctx);
    registerRegistrationPages(portal as App, ctx);
    registerRequestPages(portal as App, ctx);
    registerSocialMapPages(portal as App, ctx);
  }, { prefix: '/portaal' });
}

/** Logs the session in as this account: a new session id (the old one is worthless after login). */
async function loginAs(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, accountId: string, setCookie: (r: FastifyReply, v: string) => unknown) {
  const old = request.portal.session;
  await endSession(ctx, old);
  const started = await startSession(ctx, { accountId, language: old.language, draft: old.draft });
  setCookie(reply, started.cookie);
}

function registerAccountPages(app: App, ctx: AppContext, options: PortalOptions, setCookie: (r: FastifyReply, v: string) => unknown) {
  const loginPage = (v: View, values: { email?: string; next?: string }, problems: Problems, info: string | null = null) =>
    page(
      v,
      t(v.lang, 'login.title'),
      html`${errorSummary(v, problems)}
      ${info ? notice('ok', info) : ''}
      ${options.governmentLogin ? html`<h2>${t(v.lang, 'login.government_title')}</h2><p>${t(v.lang, 'login.government_text')}</p><p><a class="button" href="/portaal/aanmelden/overheid">${t(v.lang, 'login.government_button')}</a></p><h2>${t(v.lang, 'login.password_title')}</h2>` : ''}
      <form method="post" action="/portaal/aanmelden" novalidate>
        ${csrfField(v)}<input type="hidden" name="next" value="${values.next ?? ''}">
        ${inputField({ name: 'email', label: t(v.lang, 'field.email'), type: 'email', autocomplete: 'email', value: values.email ?? '', problems })}
        ${inputField({ name: 'password', label: t(v.lang, 'field.password'), type: 'password', autocomplete: 'current-password', problems })}
        <div class="actions"><button type="submit">${t(v.lang, 'login.submit')}</button></div>
      </form>
      <p><a href="/portaal/wachtwoord-vergeten">${t(v.lang, 'login.forgot')}</a></p>
      <p>${t(v.lang, 'login.no_account')} <a href="/portaal/account-maken">${t(v.lang, 'login.make_account')}</a></p>`,
    );

  app.get('/aanmelden', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => {
    const q = request.query as Record<string, string>;
    return send(reply, loginPage(request.portal.view, { next: safeNext(q.next) }, {}, q.klaar === 'bevestigd' ? t(request.portal.view.lang, 'login.verified') : q.klaar === 'wachtwoord' ? t(request.portal.view.lang, 'login.password_set') : null));
  });

  app.post('/aanmelden', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.portal.view;
    const body = request.body as Body;
    const email = one(body, 'email');
    try {
      const { accountId } = await logIn(ctx, { email, password: one(body, 'password') }, clientKey(request));
      await loginAs(ctx, request, reply, accountId, setCookie);
      return reply.redirect(safeNext(one(body, 'next')), 303);
    } catch (err) {
      if (!(err instanceof UserError) || !['unauthenticated', 'forbidden', 'rate_limited'].includes(err.kind)) throw err;
      const field = err.field ?? 'password';
      return send(reply, loginPage(v, { email, next: one(body, 'next') }, problemsFrom(v.lang, [{ field, code: err.code, nl: err.nl, en: err.en }])), err.kind === 'rate_limited' ? 429 : 401);
    }
  });

  app.post('/afmelden', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => {
    await endSession(ctx, request.portal.session);
    // A fresh anonymous session that keeps the chosen language.
    const fresh = anonymousSession(request.portal.session.language);
    setCookie(reply, fresh.cookie);
    return reply.redirect('/portaal?afgemeld=1', 303);
  });

  const signUpPage = (v: View, values: { email?: string }, problems: Problems) =>
    page(
      v,
      t(v.lang, 'signup.title'),
      html`${errorSummary(v, problems)}<p>${t(v.lang, 'signup.intro')}</p>
      <form method="post" action="/portaal/account-maken" novalidate>
        ${csrfField(v)}
        ${inputField({ name: 'email', label: t(v.lang, 'field.email'), type: 'email', autocomplete: 'email', value: values.email ?? '', problems })}
        ${inputField({ name: 'password', label: t(v.lang, 'field.new_password'), hint: t(v.lang, 'field.new_password_hint'), type: 'password', autocomplete: 'new-password', problems })}
        <div class="actions"><button type="submit">${t(v.lang, 'signup.submit')}</button></div>
      </form>`,
    );

  app.get('/account-maken', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => send(reply, signUpPage(request.portal.view, {}, {})));
  app.post('/account-maken', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.portal.view;
    const body = request.body as Body;
    try {
      await signUp(ctx, { email: one(body, 'email'), password: one(body, 'password'), language: v.lang }, clientKey(request));
      return send(reply, page(v, t(v.lang, 'signup.check_mail_title'), notice('ok', t(v.lang, 'signup.check_mail', { email: one(body, 'email').trim() }))));
    } catch (err) {
      if (!(err instanceof UserError) || !['invalid', 'rate_limited'].includes(err.kind)) throw err;
      return send(reply, signUpPage(v, { email: one(body, 'email') }, problemsFrom(v.lang, err.details.length ? err.details : [{ field: err.field ?? 'email', code: err.code, nl: err.nl, en: err.en }])), err.kind === 'rate_limited' ? 429 : 400);
    }
  });

  app.get('/bevestig', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => {
    const token = String((request.query as Record<string, string>).token ?? '');
    await verifyEmail(ctx, token);
    return reply.redirect('/portaal/aanmelden?klaar=bevestigd', 303);
  });

  const forgotPage = (v: View, problems: Problems, done = false) =>
    page(
      v,
      t(v.lang, 'forgot.title'),
      done
        ? notice('ok', t(v.lang, 'forgot.sent'))
        : html`${errorSummary(v, problems)}<p>${t(v.lang, 'forgot.intro')}</p>
      <form method="post" action="/portaal/wachtwoord-vergeten" novalidate>${csrfField(v)}
        ${inputField({ name: 'email', label: t(v.lang, 'field.email'), type: 'email', autocomplete: 'email', problems })}
        <div class="actions"><button type="submit">${t(v.lang, 'forgot.submit')}</button></div></form>`,
    );
  app.get('/wachtwoord-vergeten', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => send(reply, forgotPage(request.portal.view, {})));
  app.post('/wachtwoord-vergeten', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.portal.view;
    try {
      await requestPasswordReset(ctx, one(request.body as Body, 'email'), clientKey(request));
      return send(reply, forgotPage(v, {}, true));
    } catch (err) {
      if (!(err instanceof UserError) || !['invalid', 'rate_limited'].includes(err.kind)) throw err;
      return send(reply, forgotPage(v, problemsFrom(v.lang, err.details.length ? err.details : [{ field: 'email', code: err.code, nl: err.nl, en: err.en }])), 400);
    }
  });

  const resetPage = (v: View, token: string, problems: Problems) =>
    page(
      v,
      t(v.lang, 'reset.title'),
      html`${errorSummary(v, problems)}<form method="post" action="/portaal/nieuw-wachtwoord" novalidate>${csrfField(v)}
        <input type="hidden" name="token" value="${token}">
        ${inputField({ name: 'password', label: t(v.lang, 'field.new_password'), hint: t(v.lang, 'field.new_password_hint'), type: 'password', autocomplete: 'new-password', problems })}
        <div class="actions"><button type="submit">${t(v.lang, 'reset.submit')}</button></div></form>`,
    );
  app.get('/nieuw-wachtwoord', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => send(reply, resetPage(request.portal.view, String((request.query as Record<string, string>).token ?? ''), {})));
  app.post('/nieuw-wachtwoord', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.portal.view;
    const body = request.body as Body;
    try {
      await resetPassword(ctx, one(body, 'token'), one(body, 'password'));
      return reply.redirect('/portaal/aanmelden?klaar=wachtwoord', 303);
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      return send(reply, resetPage(v, one(body, 'token'), problemsFrom(v.lang, err.details)), 400);
    }
  });

  const gov = options.governmentLogin;
  const redirectUri = (request: FastifyRequest) => `${options.publicUrl ?? `${request.protocol}://${request.headers.host}`}/portaal/aanmelden/overheid/terug`;
  app.get('/aanmelden/overheid', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => {
    if (!gov) throw new UserError('not_found', 'oidc.not_configured', null, { nl: 'Aanmelden met de overheid is hier niet ingesteld.', en: 'Government login is not set up here.' });
    const { url, keep } = await gov.start(redirectUri(request));
    request.portal.session.oidc = keep;
    await saveSession(ctx, request.portal.session);
    return reply.redirect(url, 303);
  });
  app.get('/aanmelden/overheid/terug', { config: { action: 'account.self' }, schema: { hide: true } }, async (request, reply) => {
    const kept = request.portal.session.oidc;
    if (!gov || !kept) throw new UserError('unprocessable', 'oidc.no_login_started', null, { nl: 'Deze aanmelding is verlopen. Begin opnieuw.', en: 'This login has expired. Please start again.' });
    let claims;
    try {
      claims = await gov.finish(new URL(`${kept.redirectUri}?${request.url.split('?')[1] ?? ''}`), kept);
    } catch (err) {
      request.log.warn({ err }, 'government login refused');
      throw new UserError('unauthenticated', 'oidc.failed', null, { nl: 'Aanmelden is niet gelukt. Probeer opnieuw.', en: 'Logging in did not work. Please try again.' });
    }
    const { accountId } = await accountForGovernmentLogin(ctx, claims, request.portal.view.lang);
    request.portal.session.oidc = null;
    await loginAs(ctx, request, reply, accountId, setCookie);
    return reply.redirect('/portaal/aanvragen', 303);
  });
}
