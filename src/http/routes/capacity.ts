// Routes for capacity over time: open seats per weekday, free seats for a period, occupancy and what-if.
import { getFreeSeats, getOccupancy, setCapacity, whatIf } from '../../app/capacity.ts';
import type { AppContext } from '../../app/context.ts';
import { CapacityBody, IdParams, MonthsQuery, PeriodQuery, WhatIfQuery } from '../schemas.ts';
import type { App } from '../server.ts';

export function registerCapacityRoutes(app: App, ctx: AppContext) {
  app.put('/locations/:id/capacity', { config: { action: 'capacity.write' }, schema: { tags: ['capacity'], summary: 'State the open seats per weekday from a date on', params: IdParams, body: CapacityBody } }, (req) =>
    setCapacity(ctx, req.actor, req.params.id, req.body),
  );
  app.get('/locations/:id/free-seats', { config: { action: 'capacity.read' }, schema: { tags: ['capacity'], summary: 'Seats free on each weekday for the whole period', params: IdParams, querystring: PeriodQuery } }, (req) =>
    getFreeSeats(ctx, req.actor, req.params.id, req.query.from, req.query.to),
  );
  app.get('/locations/:id/occupancy', { config: { action: 'capacity.read' }, schema: { tags: ['capacity'], summary: 'Month by month: open, used and free seats per weekday', params: IdParams, querystring: MonthsQuery } }, (req) =>
    getOccupancy(ctx, req.actor, req.params.id, req.query.months ?? 12),
  );
  app.get('/locations/:id/what-if', { config: { action: 'capacity.read' }, schema: { tags: ['capacity'], summary: 'Occupancy over 3 and 6 months with and without a request’s child', params: IdParams, querystring: WhatIfQuery } }, (req) =>
    whatIf(ctx, req.actor, req.params.id, req.query.requestId, req.query.start),
  );
}
