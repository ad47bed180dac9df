// Portal page weight: every parent page's HTML, CSS and JS as a first-time visitor downloads them (compressed), and
// whether any script blocks the first render. The same-run baseline is the same bytes uncompressed.
import { gunzipSync } from 'node:zlib';
import { connect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedDemo, DEMO_PARENT } from '../src/demo/seed.ts';
import { buildServer, type App } from '../src/http/server.ts';
import { target, type Figure } from './lib.ts';

const BUDGET_KB = 100;

interface Weighed {
  page: string;
  html: number;
  css: number;
  js: number;
  raw: number;
  blocking: string[];
}

/** A browser without cache: keeps the session cookie and the form token, and asks for gzip like every browser does. */
class FirstVisit {
  cookie = '';
  csrf = '';
  private app: App;
  constructor(app: App) {
    this.app = app;
  }
  private async fetch(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
    const res = await this.app.inject({
      method,
      url,
      headers: { cookie: this.cookie, 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'nl-BE', ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { payload: new URLSearchParams({ _csrf: this.csrf, ...form }).toString() } : {}),
    });
    const set = res.headers['set-cookie'];
    const first = (Array.isArray(set) ? set[0] : set) as string | undefined;
    if (first) this.cookie = first.split(';')[0] as string;
    const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.rawPayload).toString('utf8') : res.body;
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m) this.csrf = m[1] as string;
    return { status: res.statusCode, location: res.headers.location as string | undefined, wire: res.rawPayload.length, raw: Buffer.byteLength(body), body };
  }
  get(url: string) {
    return this.fetch('GET', url);
  }
  post(url: string, form: Record<string, string>) {
    return this.fetch('POST', url, form);
  }

  /** The page plus every stylesheet and script it links, as on a first visit (nothing cached). */
  async weigh(name: string, url: string): Promise<Weighed> {
    const page = await this.get(url);
    if (page.status !== 200) throw new Error(`${url} answered ${page.status}`);
    const out: Weighed = { page: name, html: page.wire, css: 0, js: 0, raw: page.raw, blocking: [] };
    for (const [, href] of page.body.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) {
      const a = await this.get(href as string);
      out.css += a.wire;
      out.raw += a.raw;
    }
    for (const [tag, src] of page.body.matchAll(/<script([^>]*)>/g)) {
      const attrs = src ?? '';
      const source = /src="([^"]+)"/.exec(attrs)?.[1];
      // A script blocks the first render unless it is deferred, async or a module; an inline script always runs first.
      if (!/\b(defer|async)\b|type="module"/.test(attrs)) out.blocking.push(source ?? `inline: ${tag.slice(0, 40)}`);
      if (source) {
        const a = await this.get(source);
        out.js += a.wire;
        out.raw += a.raw;
      }
    }
    return out;
  }
}

export async function benchPageWeight(): Promise<Figure[]> {
  // Page weight does not depend on the database, so the embedded one is enough.
  const h = await connect({ dataDir: 'memory' });
  const weighed: Weighed[] = [];
  try {
    await migrateToLatest(h.db);
    const ctx = { db: h.db, now: () => new Date('2026-11-24T09:00:00Z') };
    await seedDemo(ctx, 0);
    const app = await buildServer(ctx);
    const v = new FirstVisit(app);
    const weigh = async (name: string, url: string) => weighed.push(await v.weigh(name, url));

    for (const [name, url] of [
      ['start', '/portaal'], ['hulp', '/portaal/hulp'], ['privacy', '/portaal/privacy'], ['toegankelijkheid', '/portaal/toegankelijkheid'],
      ['aanmelden', '/portaal/aanmelden'], ['account-maken', '/portaal/account-maken'], ['wachtwoord-vergeten', '/portaal/wachtwoord-vergeten'],
    ] as const) await weigh(name, url);

    const login = await v.post('/portaal/aanmelden', { email: DEMO_PARENT.email, password: DEMO_PARENT.password });
    if (login.status !== 303) throw new Error(`demo login answered ${login.status}`);
    await weigh('mijn-aanvragen-leeg', '/portaal/aanvragen');

    // The registration steps, filled in as a parent would.
    const step = async (name: string, form: Record<string, string>) => {
      await weigh(`inschrijven-${name}`, `/portaal/inschrijven/${name}`);
      const r = await v.post(`/portaal/inschrijven/${name}`, form);
      if (r.status !== 303) throw new Error(`step ${name} answered ${r.status}`);
      return r.location as string;
    };
    await step('kind', { born: 'no', childFamilyName: 'Peeters', dueDate: '2027-03-10' });
    await step('gezin', { givenName: 'Amal', familyName: 'Peeters', municipalityNis: '24062', street: 'Tiensestraat 1', postalCode: '3000' });
    await step('opvang', { desiredStartDate: '2027-09-01', flexibilityWeeks: '4', day1: 'full', day2: 'full', day4: 'full' });
    const locs = await h.db.selectFrom('location').select('id').where('name', 'in', ['Zonnetje Centrum', 'Zonnetje Kessel-Lo', 'Zonnetje Herent']).orderBy('name').execute();
    for (const l of locs) await v.post('/portaal/inschrijven/locaties', { do: `add:${l.id}` });
    await step('locaties', { do: 'next' });
    await step('voorrang', { answer: 'no', g1: 'employed', g2: 'employed' });
    const done = await step('nakijken', { consent: 'yes' });
    await weigh('ingeschreven', done);

    const request = await h.db.selectFrom('request').select('id').executeTakeFirstOrThrow();
    const provider = await h.db.selectFrom('request_location').innerJoin('location', 'location.id', 'request_location.location_id').select(['location.id']).where('request_id', '=', request.id).orderBy('rank').executeTakeFirstOrThrow();
    const offer = await app.inject({ method: 'POST', url: '/api/v1/offers', headers: { authorization: 'Bearer demo-provider-1' }, payload: { requestId: request.id, locationId: provider.id, start: '2027-09-01' } });
    await weigh('mijn-aanvragen', '/portaal/aanvragen');
    await weigh('wijzigen', `/portaal/aanvragen/${request.id}/wijzigen`);
    await weigh('afsluiten', `/portaal/aanvragen/${request.id}/afsluiten`);
    if (offer.statusCode !== 201) throw new Error(`offer answered ${offer.statusCode}: ${offer.body}`);
    await weigh('aanbod', `/portaal/aanbod/${(offer.json() as { id: string }).id}`);
    await app.close();
  } finally {
    await h.close();
  }

  const kB = (n: number) => n / 1000;
  const pages: Figure[] = weighed.map((w) => {
    const total = w.html + w.css + w.js;
    return {
      name: `${w.page}: HTML ${kB(w.html).toFixed(1)} + CSS ${kB(w.css).toFixed(1)} + JS ${kB(w.js).toFixed(1)} kB`,
      value: kB(total),
      unit: 'kB compressed',
      baseline: { name: 'same bytes uncompressed', value: kB(w.raw), unit: 'kB' },
      ratio: total / w.raw,
      ratioMeaning: 'of the uncompressed size',
      ...target(`< ${BUDGET_KB} kB`, '<', BUDGET_KB),
      ...(w.blocking.length ? { note: `blocking: ${w.blocking.join(', ')}` } : {}),
    };
  });
  const blocking = weighed.flatMap((w) => w.blocking.map((b) => `${w.page}: ${b}`));
  return [...pages, { name: 'blocking scripts, all pages', value: blocking.length, unit: 'scripts', ...(blocking.length ? { note: blocking.join(', ') } : {}), ...target('no blocking script', '=', 0) }];
}
