// The real-demand dashboard inside the workspace, for the desk and analysts (aggregates only), with the same
// charts and tables as the stand-alone page.
import { demandDashboard } from '../../app/dashboard.ts';
import type { AppContext } from '../../app/context.ts';
import { deviationReport } from '../../app/deviations.ts';
import type { App } from '../../http/server.ts';
import { dashboardBody } from '../dashboard-page.ts';
import { html } from '../html.ts';
import { catalogue } from './i18n.ts';
import { addMenu, page } from './layout.ts';
import { send, staffOf } from './routes.ts';

const tr = catalogue({ menu: 'Echte vraag', title: 'Echte vraag naar kinderopvang' }, { menu: 'Real demand', title: 'Real demand for childcare' });

export function registerDemandPages(area: App, ctx: AppContext): void {
  addMenu({ href: '/werkplek/vraag', label: { nl: tr('nl', 'menu'), en: tr('en', 'menu') }, roles: ['desk_worker', 'desk_coordinator', 'analyst', 'admin'], order: 70 });
  area.get('/vraag', { config: { action: 'report.dashboard' }, schema: { hide: true } }, async (request, reply) => {
    const actor = staffOf(request);
    const v = request.workspace.view;
    const d = await demandDashboard(ctx, actor, {});
    const deviations = ['desk_worker', 'desk_coordinator', 'analyst', 'admin'].includes(actor.role) ? await deviationReport(ctx, actor, Number(d.today.slice(0, 4))) : null;
    // The charts speak Dutch (the figures are for Flemish desks and Opgroeien); an English page marks them as Dutch.
    const body = dashboardBody(d, deviations);
    return send(reply, page(v, tr(v.lang, 'title'), v.lang === 'nl' ? body : html`<div lang="nl">${body}</div>`, { wide: true }));
  });
}
