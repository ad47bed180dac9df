// The import, export and search API: raw and base64 uploads, refusals with every row, guarded exports, scoped and
// audited search (a searched national number is never stored).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { buildServer, type App } from '../../src/http/server.ts';
import { makeInsz } from '../../src/domain/identity/insz.ts';
import { parseCsv } from '../../src/domain/import/csv.ts';
import { buildWorld, type World } from '../support/fixtures.ts';
import { flavours, rowCounts, type TestDb } from '../support/db.ts';

const CHILD_INSZ = makeInsz('2026-05-04', 21);

/** A small list for desk A (Leuven-Herent); the last family name would run as a formula in a spreadsheet. */
const LIST = [
  'Inschrijvingsdatum;Voornaam kind;Familienaam kind;Geboortedatum;Verwachte geboortedatum;Rijksregisternummer kind;Voornaam ouder;Familienaam ouder;E-mail;Gemeente;Gewenste startdatum;Dagen;Voorkeur 1;Voorkeur 2',
  `12/02/2026;Lina;Peeters;04/05/2026;;${CHILD_INSZ};Sarah;Peeters;sarah.api@x.example;Leuven;01/09/2027;ma,di,do;Eén Leuven;Eén Herent`,
  '03/10/2026;;Maes;;20/04/2027;;Els;Maes;els.api@x.example;Herent;01/10/2027;ma-vm, wo-nm;Eén Herent;',
  '05/10/2026;Noah;=HYPERLINK("http://x.example");;20/05/2027;;Tom;Janssens;tom.api@x.example;Leuven;01/11/2027;voltijds;Eén Leuven;',
].join('\r\n');

for (const flavour of flavours()) {
  describe(`import, export and search API on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    let app: App;
    const as = (who: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${w.tokens[who]}`, ...extra });

    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
      app = await buildServer(t.ctx);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    it('previews a raw CSV upload and answers problems with line, column and both languages', async () => {
      const bad = `${LIST}\r\n01/10/2026;Ada;Wouters;;20/04/2027;;An;Wouters;an@x.example;Gent;01/10/2027;ma;Twee Gent;`;
      const r = await app.inject({ method: 'POST', url: '/api/v1/imports/preview', headers: as('deskA', { 'content-type': 'text/csv; charset=utf-8' }), payload: bad });
      assert.equal(r.statusCode, 200, r.body);
      const p = r.json();
      assert.equal(p.totalRows, 4);
      assert.deepEqual(p.problemLines, [5]);
      assert.equal(p.problems[0].code, 'residence.other_desk');
      assert.equal(p.problems[0].column, 'Gemeente');
      assert.ok(p.problems[0].nl && p.problems[0].en);
    });

    it('refuses a file with a bad row with 422 and every row in the details, storing nothing', async () => {
      const before = await rowCounts(t.ctx);
      const bad = `${LIST}\r\n01/10/2026;Ada;Wouters;;31/02/2027;;An;Wouters;an@x.example;Leuven;01/10/2027;;Eén Leuven;`;
      const r = await app.inject({ method: 'POST', url: '/api/v1/imports', headers: as('coordA'), payload: { fileName: 'lijst.csv', contentBase64: Buffer.from(bad).toString('base64') } });
      assert.equal(r.statusCode, 422, r.body);
      const body = r.json();
      assert.equal(body.error.code, 'import.refused');
      assert.match(body.error.nl, /niets geïmporteerd/i);
      assert.ok(body.error.details.every((d: { field: string }) => d.field.startsWith('rows.5.')));
      assert.deepEqual(body.report.problemLines, [5]);
      assert.deepEqual(await rowCounts(t.ctx), before);
    });

    it('answers 4xx with field and texts for an unreadable file, a bad mapping and a forbidden desk', async () => {
      const empty = await app.inject({ method: 'POST', url: '/api/v1/imports/preview', headers: as('deskA', { 'content-type': 'text/csv' }), payload: '' });
      assert.equal(empty.statusCode, 400, empty.body);
      const noMap = await app.inject({ method: 'POST', url: '/api/v1/imports/preview?mapping=nonsense', headers: as('deskA', { 'content-type': 'text/csv' }), payload: LIST });
      assert.equal(noMap.statusCode, 400);
      assert.equal(noMap.json().error.field, 'mapping');
      const xlsx = await app.inject({ method: 'POST', url: '/api/v1/imports/preview', headers: as('deskA', { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), payload: Buffer.from('PK not really a zip') });
      assert.equal(xlsx.statusCode, 400);
      assert.equal(xlsx.json().error.code, 'import.file_unreadable');
      const other = await app.inject({ method: 'POST', url: `/api/v1/imports/preview?deskId=${w.deskB}`, headers: as('deskA', { 'content-type': 'text/csv' }), payload: LIST });
      assert.equal(other.statusCode, 404);
      const worker = await app.inject({ method: 'POST', url: '/api/v1/imports', headers: as('deskA', { 'content-type': 'text/csv' }), payload: LIST });
      assert.equal(worker.statusCode, 403);
      const provider = await app.inject({ method: 'POST', url: '/api/v1/imports/preview', headers: as('provider1', { 'content-type': 'text/csv' }), payload: LIST });
      assert.equal(provider.statusCode, 403);
    });

    it('imports in the background and reports progress to poll', async () => {
      const r = await app.inject({ method: 'POST', url: '/api/v1/imports?background=true&fileName=lijst.csv', headers: as('coordA', { 'content-type': 'text/csv' }), payload: LIST });
      assert.equal(r.statusCode, 202, r.body);
      const { batchId } = r.json();
      assert.equal(r.headers.location, `/api/v1/imports/${batchId}`);
      let state = '';
      for (let i = 0; i < 100 && state !== 'committed'; i++) {
        const p = await app.inject({ url: `/api/v1/imports/${batchId}`, headers: as('deskA') });
        assert.equal(p.statusCode, 200, p.body);
        state = p.json().status;
        if (state !== 'committed') await new Promise((res) => setTimeout(res, 50));
      }
      assert.equal(state, 'committed');
      const report = (await app.inject({ url: `/api/v1/imports/${batchId}/report`, headers: as('deskA') })).json();
      assert.equal(report.created, 3);
      assert.equal((await app.inject({ url: `/api/v1/imports/${batchId}`, headers: as('deskB') })).statusCode, 404);
      const again = await app.inject({ method: 'POST', url: '/api/v1/imports', headers: as('coordA', { 'content-type': 'text/csv' }), payload: LIST });
      assert.equal(again.json().created, 0);
    });

    it('exports the waiting list as CSV and Excel with formula cells neutralised, and the export imports again', async () => {
      const csv = await app.inject({ url: '/api/v1/exports/requests?format=csv', headers: as('deskA') });
      assert.equal(csv.statusCode, 200, csv.body);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /aanvragen\.csv/);
      const table = parseCsv(csv.body);
      assert.equal(table.rows.length, 3);
      assert.ok(csv.body.includes(`'=HYPERLINK(`), 'the formula is written as text');
      assert.ok(!/[;\n]=HYPERLINK/.test(csv.body));
      const again = await app.inject({ method: 'POST', url: '/api/v1/imports/preview', headers: as('deskA', { 'content-type': 'text/csv' }), payload: csv.body });
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual(again.json().problems, []);

      const xlsx = await app.inject({ url: '/api/v1/exports/requests', headers: as('deskA') });
      assert.equal(xlsx.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
      const values = wb.worksheets[0]!.getSheetValues().flat().filter((v): v is string => typeof v === 'string');
      assert.ok(values.some((v) => v.startsWith(`'=HYPERLINK(`)));
      assert.ok(!values.some((v) => v.startsWith('=')));

      // Providers export only requests for their own locations; desk B sees none of desk A's.
      const p2 = parseCsv((await app.inject({ url: '/api/v1/exports/requests?format=csv', headers: as('provider2') })).body);
      assert.equal(p2.rows.length, 0);
      const p1 = parseCsv((await app.inject({ url: '/api/v1/exports/requests?format=csv', headers: as('provider1') })).body);
      assert.equal(p1.rows.length, 3);
      assert.equal(parseCsv((await app.inject({ url: '/api/v1/exports/requests?format=csv', headers: as('deskB') })).body).rows.length, 0);
      assert.equal((await app.inject({ url: '/api/v1/exports/requests', headers: as('partner') })).statusCode, 403);
    });

    it('exports placements and candidate lists within scope', async () => {
      const pl = await app.inject({ url: '/api/v1/exports/placements?format=csv', headers: as('provider1') });
      assert.equal(pl.statusCode, 200, pl.body);
      assert.match(pl.body, /Opvanglocatie;Voornaam kind/);
      const cand = await app.inject({ url: `/api/v1/exports/locations/${w.loc1}/candidates?format=csv&start=2027-11-01`, headers: as('provider1') });
      assert.equal(cand.statusCode, 200, cand.body);
      assert.ok(parseCsv(cand.body).rows.length >= 1);
      assert.equal((await app.inject({ url: `/api/v1/exports/locations/${w.loc1}/candidates?start=2027-11-01`, headers: as('provider2') })).statusCode, 404);
    });

    it('searches by name, date, national number and request number within scope, auditing without the value', async () => {
      const search = (who: string, body: object) => app.inject({ method: 'POST', url: '/api/v1/search/people', headers: as(who), payload: body });
      const byName = (await search('deskA', { q: 'peet' })).json();
      assert.equal(byName.children.length, 1);
      assert.equal(byName.children[0].givenName, 'Lina');
      assert.ok(byName.children[0].requests[0].number);
      assert.equal((await search('deskA', { q: '20/04/2027' })).json().children[0].familyName, 'Maes');
      const number = byName.children[0].requests[0].number;
      assert.equal((await search('deskA', { number })).json().children.length, 1);
      const byInsz = (await search('deskA', { insz: `${CHILD_INSZ.slice(0, 2)}.${CHILD_INSZ.slice(2, 4)}.${CHILD_INSZ.slice(4, 6)}-${CHILD_INSZ.slice(6, 9)}.${CHILD_INSZ.slice(9)}` })).json();
      assert.equal(byInsz.children.length, 1);
      assert.match(byInsz.children[0].inszMasked, /\*\*\*/);
      // Exact only: a partial national number finds nothing.
      assert.equal((await search('deskA', { insz: CHILD_INSZ.slice(0, 9) })).statusCode, 400);
      // Scope: desk B and the other provider find nobody; provider 1 finds the children without national numbers.
      assert.equal((await search('deskB', { q: 'peeters' })).json().children.length, 0);
      assert.equal((await search('provider2', { q: 'peeters' })).json().children.length, 0);
      const own = (await search('provider1', { q: 'peeters' })).json();
      assert.equal(own.children.length, 1);
      assert.equal(own.children[0].inszMasked, null);
      assert.equal((await search('analyst', { q: 'peeters' })).statusCode, 403);
      const empty = await search('deskA', {});
      assert.equal(empty.statusCode, 400);
      assert.equal(empty.json().error.code, 'search.empty');
      // The audit names the kind of search and what was found, never the number searched.
      const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'subject_ids']).where('action', 'like', 'search.people%').execute();
      assert.ok(audit.some((a) => a.action === 'search.people:insz' && a.subject_ids.includes(byInsz.children[0].id)));
      assert.ok(!JSON.stringify(audit).includes(CHILD_INSZ));
    });
  });
}
