// Routes for reporting: yearly figures (JSON, CSV, Excel, drill-down), provider files as XML, keyed exports, births, the dashboard.
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app/context.ts';
import { demandDashboard } from '../../app/dashboard.ts';
import { deviationReport } from '../../app/deviations.ts';
import { simulatePolicy } from '../../app/policy-simulator.ts';
import { combineExports, deskFigures, figuresCsv, figuresDrillDown, figuresXlsx, keyedExport, loadBirths, providerFile, saveSubsidyGroup } from '../../app/reporting.ts';
import type { KeyedExport } from '../../domain/reporting/pseudonym.ts';
import { dashboardPage } from '../../web/dashboard-page.ts';
import { CalendarDate, Uuid } from '../schemas.ts';
import type { App } from '../server.ts';

const Year = Type.Integer({ minimum: 2014, maximum: 2100, description: 'Year, e.g. 2025' });
const FiguresQuery = Type.Object({ year: Year, deskId: Type.Optional(Uuid) }, { additionalProperties: false });
const DrillDownQuery = Type.Object(
  {
    year: Year,
    deskId: Type.Optional(Uuid),
    measure: Type.Union([Type.Literal('registered'), Type.Literal('unanswered')]),
    subcategory: Type.Optional(Type.Union([Type.Literal('urgent'), Type.Literal('vulnerable')])),
    municipality: Type.Optional(Type.String({ pattern: '^[0-9]{5}$', description: 'NIS code of the municipality of residence' })),
  },
  { additionalProperties: false },
);
const SubsidyGroupBody = Type.Object(
  {
    opgroeienId: Type.Integer({ minimum: 1, maximum: 9999999999, description: 'Opgroeien’s subsidy group number' }),
    name: Type.String({ minLength: 1, maxLength: 50 }),
    organiserId: Type.Optional(Uuid),
    incomeTariffFrom: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
    incomeTariffUntil: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
    plusSubsidy: Type.Optional(Type.Boolean()),
    locationIds: Type.Array(Uuid, { maxItems: 500, uniqueItems: true }),
  },
  { additionalProperties: false },
);
const KeyedRow = Type.Object(
  {
    k: Type.String({ pattern: '^[0-9a-f]{32}$' }),
    m: Type.String({ pattern: '^[0-9]{5}$' }),
    o: Type.Union([Type.Literal('answered'), Type.Literal('unanswered'), Type.Literal('not_counted_unanswered'), Type.Literal('pending')]),
    u: Type.Boolean(),
    v: Type.Boolean(),
  },
  { additionalProperties: false },
);
const KeyedExportBody = Type.Object(
  {
    format: Type.Literal('nabij.keyed-aggregates/1'),
    installation: Type.String({ minLength: 1, maxLength: 100 }),
    year: Year,
    keyAlgorithm: Type.Literal('HMAC-SHA256/128'),
    rows: Type.Array(KeyedRow, { maxItems: 200_000 }),
  },
  { additionalProperties: false },
);
const BirthsBody = Type.Object(
  { rows: Type.Array(Type.Object({ nisCode: Type.String({ pattern: '^[0-9]{5}$' }), year: Type.Integer({ minimum: 1990, maximum: 2100 }), births: Type.Integer({ minimum: 0, maximum: 1_000_000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 5000 }) },
  { additionalProperties: false },
);
const SimulationBody = Type.Object(
  {
    periodStart: CalendarDate,
    alternative: Type.Object(
      {
        ruleSetId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        tieBreak: Type.Optional(Type.Union([Type.Literal('registration_order'), Type.Literal('lottery'), Type.Literal('batch_window')])),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export function registerReportingRoutes(app: App, ctx: AppContext) {
  const tags = ['reporting'];
  app.get('/reports/yearly-figures', { config: { action: 'report.figures' }, schema: { tags, summary: 'The desk’s yearly figures for Opgroeien, by municipality of residence', querystring: FiguresQuery } }, (req) =>
    deskFigures(ctx, req.actor, req.query),
  );
  app.get('/reports/yearly-figures.csv', { config: { action: 'report.figures' }, schema: { tags, summary: 'The same figures as CSV (semicolons, for Excel)', querystring: FiguresQuery } }, async (req, reply) => {
    const f = await deskFigures(ctx, req.actor, req.query);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="jaarcijfers-${f.year}.csv"`).send(figuresCsv(f));
  });
  app.get('/reports/yearly-figures.xlsx', { config: { action: 'report.figures' }, schema: { tags, summary: 'The same figures as an Excel workbook', querystring: FiguresQuery } }, async (req, reply) => {
    const f = await deskFigures(ctx, req.actor, req.query);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="jaarcijfers-${f.year}.xlsx"`)
      .send(await figuresXlsx(f));
  });
  app.get('/reports/yearly-figures/requests', { config: { action: 'report.drilldown' }, schema: { tags, summary: 'The requests behind one number of the figures', querystring: DrillDownQuery } }, (req) =>
    figuresDrillDown(ctx, req.actor, req.query),
  );
  app.post('/subsidy-groups', { config: { action: 'subsidy_group.write' }, schema: { tags, summary: 'Register or update a subsidy group (by its Opgroeien number) and link its locations', body: SubsidyGroupBody } }, async (req, reply) =>
    reply.status(201).send(await saveSubsidyGroup(ctx, req.actor, req.body)),
  );
  app.get(
    '/subsidy-groups/:id/opgroeien/:form',
    {
      config: { action: 'report.provider_file' },
      schema: { tags, summary: 'Opgroeien’s yearly provider file as XML: FO-RE-19 (priority groups) or FO-RE-30 (vulnerable families)', params: Type.Object({ id: Uuid, form: Type.Union([Type.Literal('FO-RE-19'), Type.Literal('FO-RE-30')]) }), querystring: Type.Object({ year: Year }, { additionalProperties: false }) },
    },
    async (req, reply) => {
      const f = await providerFile(ctx, req.actor, req.params.id, req.query.year, req.params.form);
      return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${f.fileName}"`).send(f.xml);
    },
  );
  app.get('/reports/keyed-export', { config: { action: 'report.keyed_export' }, schema: { tags, summary: 'The year’s requests with pseudonymous child keys, without identities, to combine with other installations', querystring: Type.Object({ year: Year }, { additionalProperties: false }) } }, (req) =>
    keyedExport(ctx, req.actor, req.query.year),
  );
  app.post('/reports/keyed-export/combine', { config: { action: 'report.combine' }, schema: { tags, summary: 'Combine keyed exports of several installations: unique children next to the raw sum', body: Type.Object({ exports: Type.Array(KeyedExportBody, { minItems: 1, maxItems: 50 }) }, { additionalProperties: false }) } }, (req) =>
    combineExports(ctx, req.actor, req.body.exports as KeyedExport[]),
  );
  app.put('/statistics/births', { config: { action: 'statistics.write' }, schema: { tags, summary: 'Load birth numbers per municipality and year (all or nothing)', body: BirthsBody } }, (req) => loadBirths(ctx, req.actor, req.body.rows));
  app.get('/reports/dashboard', { config: { action: 'report.dashboard' }, schema: { tags, summary: 'The real-demand dashboard as data', querystring: Type.Object({ deskId: Type.Optional(Uuid) }, { additionalProperties: false }) } }, (req) =>
    demandDashboard(ctx, req.actor, req.query),
  );
  app.get('/reports/dashboard.html', { config: { action: 'report.dashboard' }, schema: { tags, summary: 'The real-demand dashboard as a page: charts with a table beside each', querystring: Type.Object({ deskId: Type.Optional(Uuid) }, { additionalProperties: false }) } }, async (req, reply) => {
    const d = await demandDashboard(ctx, req.actor, req.query);
    // The deviation map is shown to those who may read deviations.
    const year = Number(d.today.slice(0, 4));
    const deviations = ['desk_worker', 'desk_coordinator', 'analyst', 'admin'].includes(req.actor.role) ? await deviationReport(ctx, req.actor, year) : null;
    return reply.type('text/html; charset=utf-8').send(dashboardPage(d, deviations));
  });
  app.post('/reports/policy-simulation', { config: { action: 'report.simulate' }, schema: { tags, summary: 'Rerun the current requests and capacity under another rule set or tie-break and compare per group', body: SimulationBody } }, (req) =>
    simulatePolicy(ctx, req.actor, req.body),
  );
}
