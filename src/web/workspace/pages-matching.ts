// Matching-round pages: the desk coordinator chooses the month and the method, runs the round and reads its metrics
// and verifier report; each provider confirms or rejects the proposals for its own locations, with a reason.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { today } from '../../app/context.ts';
import { answerProposal, getRound, listRounds, runRound } from '../../app/matching-rounds.ts';
import { addMonths } from '../../domain/dates.ts';
import { UserError } from '../../domain/errors.ts';
import type { App } from '../../http/server.ts';
import { html, type Html } from '../html.ts';
import { catalogue, say } from './i18n.ts';
import { addMenu, choiceGroup, csrfField, errorSummary, notice, page, problemsFrom, selectField, table, type Problems, type View } from './layout.ts';
import { addTile, one, send, staffOf, type Body } from './routes.ts';

const tr = catalogue(
  {
    'menu': 'Toewijzingsrondes',
    'list.title': 'Toewijzingsrondes',
    'list.caption': 'Rondes',
    'list.none': 'Er zijn nog geen rondes.',
    'col.month': 'Maand',
    'col.method': 'Methode',
    'col.when': 'Gedraaid op',
    'run.title': 'Een ronde draaien',
    'run.intro': 'Een ronde stelt voor elke vrije plaats in de maand één gezin voor, volgens de voorrangsregels en de volgorde van de wensen. De opvanglocaties bevestigen of weigeren daarna elk voorstel. Er gaat nog niets naar de gezinnen.',
    'run.month': 'Startmaand van de plaatsen',
    'run.method': 'Methode',
    'run.da': 'Uitgestelde aanvaarding: niemand wordt voorbijgestoken door iemand met minder voorrang',
    'run.optimal': 'Zo veel mogelijk kinderen geplaatst, zonder iemand onterecht voorbij te steken',
    'run.submit': 'Ronde draaien',
    'round.title': 'Ronde voor {month}',
    'round.metrics': 'Resultaat',
    'round.requests': 'Aanvragen in de ronde',
    'round.placed': 'Kinderen met een voorstel',
    'round.first_wish': 'Op hun eerste wens',
    'round.vulnerable': 'Kwetsbare gezinnen met een voorstel',
    'round.siblings': 'Broers en zussen samen',
    'round.check': 'Controle',
    'round.check_ok': 'De controle vond geen fouten: geen locatie boven haar capaciteit, niemand op een locatie die hij niet koos, niemand onterecht voorbijgestoken.',
    'round.check_bad': 'De controle vond problemen: {capacity} keer boven capaciteit, {unlisted} keer een locatie die niet gekozen was, {split} keer broers en zussen gescheiden.',
    'round.check_fair': 'Let op: {envy} aanvragen werden voorbijgestoken door iemand met minder voorrang, en {waste} plaatsdagen bleven leeg terwijl een gezin ze wou. Met vaste weekdagen kan dat; de methode "zo veel mogelijk kinderen" vermijdt het.',
    'round.envy_who': 'Voorbijgestoken (aanvraag: aantal wensen)',
    'round.waste_who': 'Lege plaatsen die zij wilden (aanvraag: aantal wensen)',
    'round.proposals': 'Voorstellen',
    'round.none': 'Deze ronde deed geen voorstellen.',
    'col.number': 'Aanvraag',
    'col.location': 'Locatie',
    'col.wish': 'Wens',
    'col.status': 'Status',
    'col.answer': 'Uw antwoord',
    'status.proposed': 'voorgesteld',
    'status.confirmed': 'bevestigd (aanbod verstuurd)',
    'status.rejected': 'geweigerd',
    'answer.confirm': 'Bevestigen en aanbieden',
    'answer.reject': 'Weigeren',
    'answer.reason': 'Reden om te weigeren',
    'answer.done_confirm': 'Bevestigd: het gezin krijgt het aanbod.',
    'answer.done_reject': 'Geweigerd: de aanvraag blijft wachten.',
    'tile.title': 'Toewijzing',
    'tile.open': '{n} voorstel(len) wachten op uw antwoord.',
  },
  {
    'menu': 'Matching rounds',
    'list.title': 'Matching rounds',
    'list.caption': 'Rounds',
    'list.none': 'There are no rounds yet.',
    'col.month': 'Month',
    'col.method': 'Method',
    'col.when': 'Run on',
    'run.title': 'Run a round',
    'run.intro': 'A round proposes one family for each free place in the month, following the priority rules and the order of the wishes. The childcare locations then confirm or reject each proposal. Nothing goes to the families yet.',
    'run.month': 'Start month of the places',
    'run.method': 'Method',
    'run.da': 'Deferred acceptance: nobody is passed over by someone with less priority',
    'run.optimal': 'As many children placed as possible, without passing anyone over unfairly',
    'run.submit': 'Run the round',
    'round.title': 'Round for {month}',
    'round.metrics': 'Result',
    'round.requests': 'Requests in the round',
    'round.placed': 'Children with a proposal',
    'round.first_wish': 'On their first wish',
    'round.vulnerable': 'Vulnerable families with a proposal',
    'round.siblings': 'Siblings together',
    'round.check': 'Check',
    'round.check_ok': 'The check found no errors: no location over its capacity, nobody at a location they did not choose, nobody passed over unfairly.',
    'round.check_bad': 'The check found problems: {capacity} times over capacity, {unlisted} times a location not chosen, {split} times siblings split.',
    'round.check_fair': 'Note: {envy} requests were passed over by someone with less priority, and {waste} seat-days stayed empty while a family wanted them. With fixed weekdays this can happen; the method "as many children as possible" avoids it.',
    'round.envy_who': 'Passed over (request: number of wishes)',
    'round.waste_who': 'Empty seats they wanted (request: number of wishes)',
    'round.proposals': 'Proposals',
    'round.none': 'This round made no proposals.',
    'col.number': 'Request',
    'col.location': 'Location',
    'col.wish': 'Wish',
    'col.status': 'Status',
    'col.answer': 'Your answer',
    'status.proposed': 'proposed',
    'status.confirmed': 'confirmed (offer sent)',
    'status.rejected': 'rejected',
    'answer.confirm': 'Confirm and offer',
    'answer.reject': 'Reject',
    'answer.reason': 'Reason to reject',
    'answer.done_confirm': 'Confirmed: the family gets the offer.',
    'answer.done_reject': 'Rejected: the request keeps waiting.',
    'tile.title': 'Matching',
    'tile.open': '{n} proposal(s) wait for your answer.',
  },
);
type T = Parameters<typeof tr>[1];

function months(day: string): Array<[string, string]> {
  const first = `${day.slice(0, 7)}-01`;
  return Array.from({ length: 12 }, (_, i) => addMonths(first, i + 1)).map((m) => [m, m.slice(0, 7)] as [string, string]);
}

async function listPage(ctx: AppContext, request: FastifyRequest, values: Record<string, string> = {}, p: Problems = {}): Promise<string> {
  const actor = staffOf(request);
  const v = request.workspace.view;
  const rounds = await listRounds(ctx, actor);
  const canRun = actor.role === 'desk_coordinator' || actor.role === 'admin';
  return page(v, tr(v.lang, 'list.title'), html`${errorSummary(v, p)}
    ${table(tr(v.lang, 'list.caption'), [tr(v.lang, 'col.month'), tr(v.lang, 'col.method'), tr(v.lang, 'col.when')],
      rounds.map((r) => [html`<a href="/werkplek/toewijzing/${r.id}">${r.periodStart.slice(0, 7)}</a>`, r.mode === 'optimal' ? tr(v.lang, 'run.optimal') : tr(v.lang, 'run.da'), r.createdAt.slice(0, 16).replace('T', ' ')]), { empty: tr(v.lang, 'list.none') })}
    ${canRun ? html`<h2>${tr(v.lang, 'run.title')}</h2><p>${tr(v.lang, 'run.intro')}</p>
      <form method="post" action="/werkplek/toewijzing" novalidate>${csrfField(v)}
        ${selectField({ name: 'periodStart', label: tr(v.lang, 'run.month'), value: values.periodStart ?? '', options: months(today(ctx)), problems: p })}
        ${choiceGroup({ name: 'mode', legend: tr(v.lang, 'run.method'), type: 'radio', options: [{ value: 'da', label: tr(v.lang, 'run.da') }, { value: 'optimal', label: tr(v.lang, 'run.optimal') }], checked: [values.mode ?? 'da'], problems: p })}
        <div class="actions"><button type="submit">${tr(v.lang, 'run.submit')}</button></div>
      </form>` : ''}`, { wide: true });
}

async function roundPage(ctx: AppContext, request: FastifyRequest, id: string, note: Html | null = null, problems: Record<string, Problems> = {}): Promise<string> {
  const actor = staffOf(request);
  const v = request.workspace.view;
  const r = await getRound(ctx, actor, id);
  const isProvider = actor.role === 'provider_staff';
  const m = 'metrics' in r ? r.metrics : null;
  const check = 'verifier' in r ? r.verifier : null;
  const bad = check ? check.capacityViolations.length + check.unlistedPlacements.length + check.siblingsSplit.length : 0;
  const envy = check?.justifiedEnvy.count ?? 0;
  const waste = check?.waste.seatDays ?? 0;
  const who = (list: Array<{ id: string; number: string | null; wishes: number }>) => list.map((x) => `${x.number ?? x.id}: ${x.wishes}`).join(', ');
  return page(v, tr(v.lang, 'round.title', { month: r.periodStart.slice(0, 7) }), html`
    ${m ? html`<h2>${tr(v.lang, 'round.metrics')}</h2><dl class="facts">
      <dt>${tr(v.lang, 'round.requests')}</dt><dd>${m.requests}</dd>
      <dt>${tr(v.lang, 'round.placed')}</dt><dd>${m.placed}</dd>
      <dt>${tr(v.lang, 'round.first_wish')}</dt><dd>${m.rankDistribution[0] ?? 0}</dd>
      <dt>${tr(v.lang, 'round.vulnerable')}</dt><dd>${m.vulnerable.placed} / ${m.vulnerable.requests}</dd>
      <dt>${tr(v.lang, 'round.siblings')}</dt><dd>${m.siblingGroupsTogether} / ${m.siblingGroups}</dd>
    </dl>
    <h2>${tr(v.lang, 'round.check')}</h2>
    ${bad > 0 ? notice('error', tr(v.lang, 'round.check_bad', { capacity: check!.capacityViolations.length, unlisted: check!.unlistedPlacements.length, split: check!.siblingsSplit.length })) : envy === 0 && waste === 0 ? notice('ok', tr(v.lang, 'round.check_ok')) : html`${notice('error', tr(v.lang, 'round.check_fair', { envy, waste }))}
      <dl class="facts">${envy ? html`<dt>${tr(v.lang, 'round.envy_who')}</dt><dd>${who(check!.justifiedEnvy.requests)}</dd>` : ''}${waste ? html`<dt>${tr(v.lang, 'round.waste_who')}</dt><dd>${who(check!.waste.requests)}</dd>` : ''}</dl>`}` : ''}
    ${table(tr(v.lang, 'round.proposals'), [tr(v.lang, 'col.number'), tr(v.lang, 'col.location'), tr(v.lang, 'col.wish'), tr(v.lang, 'col.status'), ...(isProvider ? [tr(v.lang, 'col.answer')] : [])],
      r.proposals.map((x) => {
        const p = problems[x.id] ?? {};
        return [
          x.number, x.location, x.wish, html`${tr(v.lang, `status.${x.status}` as T)}${x.rejectionReason ? `: ${x.rejectionReason}` : ''}`,
          ...(isProvider ? [x.status === 'proposed' ? html`
            <form method="post" action="/werkplek/toewijzing/voorstel/${x.id}" class="inline-form">${csrfField(v)}<input type="hidden" name="round" value="${r.id}"><input type="hidden" name="decision" value="confirm"><button type="submit">${tr(v.lang, 'answer.confirm')}<span class="visually-hidden">: ${x.number}</span></button></form>
            <form method="post" action="/werkplek/toewijzing/voorstel/${x.id}" novalidate>${csrfField(v)}<input type="hidden" name="round" value="${r.id}"><input type="hidden" name="decision" value="reject">
              <label for="reason-${x.id}">${tr(v.lang, 'answer.reason')} <span class="visually-hidden">${x.number}</span></label>
              ${p.reason ? html`<p class="error-text" id="reason-${x.id}-error" lang="${p.reason.lang}">${p.reason.text}</p>` : ''}
              <input id="reason-${x.id}" name="reason" type="text"${p.reason ? html` aria-invalid="true" aria-describedby="reason-${x.id}-error"` : ''}>
              <button type="submit" class="secondary">${tr(v.lang, 'answer.reject')}<span class="visually-hidden">: ${x.number}</span></button></form>` : '' as string | Html] : []),
        ];
      }), { empty: tr(v.lang, 'round.none') })}`, { wide: true, notice: note });
}

export function registerMatchingPages(area: App, ctx: AppContext): void {
  addMenu({ href: '/werkplek/toewijzing', label: { nl: tr('nl', 'menu'), en: tr('en', 'menu') }, roles: ['desk_worker', 'desk_coordinator', 'provider_staff', 'admin'], order: 60 });
  addTile({
    roles: ['provider_staff'],
    async render(c, actor, v: View) {
      let open = 0;
      for (const r of (await listRounds(c, actor)).slice(0, 5)) open += (await getRound(c, actor, r.id)).proposals.filter((p) => p.status === 'proposed').length;
      return open ? html`<section class="card"><h2>${tr(v.lang, 'tile.title')}</h2><p><a href="/werkplek/toewijzing">${tr(v.lang, 'tile.open', { n: open })}</a></p></section>` : null;
    },
  });
  area.get('/toewijzing', { config: { action: 'matching.read' }, schema: { hide: true } }, async (request, reply) => send(reply, await listPage(ctx, request)));
  area.post('/toewijzing', { config: { action: 'matching.run' }, schema: { hide: true } }, async (request, reply) => {
    const b = request.body as Body;
    const values = { periodStart: one(b, 'periodStart'), mode: one(b, 'mode') || 'da' };
    try {
      const r = await runRound(ctx, staffOf(request), { periodStart: values.periodStart, mode: values.mode === 'optimal' ? 'optimal' : 'da', timeLimitSeconds: 30 });
      return reply.redirect(`/werkplek/toewijzing/${r.id}`, 303);
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      return send(reply, await listPage(ctx, request, values, problemsFrom(request.workspace.view.lang, err.details)), 400);
    }
  });
  area.get('/toewijzing/:id', { config: { action: 'matching.read' }, schema: { hide: true } }, async (request, reply) => send(reply, await roundPage(ctx, request, (request.params as { id: string }).id)));
  area.post('/toewijzing/voorstel/:id', { config: { action: 'matching.respond' }, schema: { hide: true } }, async (request, reply) => {
    const b = request.body as Body;
    const v = request.workspace.view;
    const id = (request.params as { id: string }).id;
    const decision = one(b, 'decision') === 'reject' ? 'reject' : 'confirm';
    try {
      await answerProposal(ctx, staffOf(request), id, { decision, ...(one(b, 'reason') ? { reason: one(b, 'reason') } : {}) });
      return send(reply, await roundPage(ctx, request, one(b, 'round'), notice('ok', tr(v.lang, decision === 'confirm' ? 'answer.done_confirm' : 'answer.done_reject'))));
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      return send(reply, await roundPage(ctx, request, one(b, 'round'), notice('error', say(v.lang, err.details[0] ?? err)), { [id]: problemsFrom(v.lang, err.details) }), 400);
    }
  });
}
