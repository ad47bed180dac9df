// A browser stand-in for page tests without Chromium: keeps the session cookie and the form's CSRF token.
import type { App } from '../../src/http/server.ts';

export class Visitor {
  cookie = '';
  csrf = '';
  private app: App;
  constructor(app: App) {
    this.app = app;
  }
  private remember(res: { headers: Record<string, unknown>; body: string }) {
    const set = res.headers['set-cookie'];
    const first = (Array.isArray(set) ? set[0] : set) as string | undefined;
    if (first) this.cookie = first.split(';')[0] as string;
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1] as string;
  }
  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookie } });
    this.remember(res);
    return res;
  }
  async post(url: string, form: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: this.csrf, ...form })) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const res = await this.app.inject({ method: 'POST', url, headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
    this.remember(res);
    return res;
  }
}
