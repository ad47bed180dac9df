// Staff login to the workspace: the demo accounts log in with a password, a wrong one gets a message next to the
// field, the session cookie is the workspace's own, and logging out ends the session.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/http/server.ts';
import { DEMO_STAFF_PASSWORD } from '../../src/demo/seed.ts';
import type { TestDb } from '../support/db.ts';
import { closeDemoSite, openDemoSite } from '../support/demo-site.ts';
import { Visitor } from '../support/visitor.ts';

describe('workspace login', () => {
  let t: TestDb;
  let app: App;
  before(async () => {
    ({ t, app } = await openDemoSite());
  });
  after(() => closeDemoSite(t, app));

  it('sends an anonymous visitor to the login page and back to where they were going', async () => {
    const v = new Visitor(app);
    const home = await v.get('/werkplek');
    assert.equal(home.statusCode, 303);
    assert.equal(home.headers.location, '/werkplek/aanmelden?next=%2Fwerkplek');
    assert.match(String(home.headers['set-cookie']), /nabij_werkplek=.*Path=\/werkplek.*HttpOnly.*SameSite=Lax/i);
    const login = await v.get('/werkplek/aanmelden?next=/werkplek');
    assert.equal(login.statusCode, 200);
    const ok = await v.post('/werkplek/aanmelden', { email: 'Sara@nabij.example', password: DEMO_STAFF_PASSWORD, next: '/werkplek' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/werkplek');
    const today = await v.get('/werkplek');
    assert.equal(today.statusCode, 200);
    assert.match(today.body, /Goeiedag Sara Loketmedewerker, u werkt als Loketmedewerker/);
    const en = await v.get('/werkplek?taal=en');
    assert.match(en.body, /Hello Sara Loketmedewerker, you work as Desk worker/);
    const out = await v.post('/werkplek/afmelden', {});
    assert.equal(out.statusCode, 303);
    assert.equal((await v.get('/werkplek')).statusCode, 303, 'after logging out the session no longer works');
  });

  it('answers a wrong password with a message next to the field and stores no session for it', async () => {
    const v = new Visitor(app);
    await v.get('/werkplek/aanmelden');
    const bad = await v.post('/werkplek/aanmelden', { email: 'sara@nabij.example', password: 'niet het juiste wachtwoord' });
    assert.equal(bad.statusCode, 401);
    assert.match(bad.body, /id="f-password-error"/);
    assert.match(bad.body, /value="sara@nabij.example"/);
    assert.equal((await v.get('/werkplek')).statusCode, 303);
  });

  it('refuses a form without the session’s CSRF token', async () => {
    const v = new Visitor(app);
    await v.get('/werkplek/aanmelden');
    v.csrf = 'vervalst';
    const res = await v.post('/werkplek/aanmelden', { email: 'sara@nabij.example', password: DEMO_STAFF_PASSWORD });
    assert.equal(res.statusCode, 403);
  });

  it('does not let a parent’s portal session into the workspace', async () => {
    const v = new Visitor(app);
    await v.get('/portaal/aanmelden');
    await v.post('/portaal/aanmelden', { email: 'ouder@nabij.example', password: 'demo-wachtwoord-2026' });
    const res = await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie: v.cookie.replace('nabij_sessie', 'nabij_werkplek') } });
    assert.equal(res.statusCode, 303);
  });
});
