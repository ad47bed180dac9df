// Workspace pages for warm referrals: my organisation's and my own referrals, referring a family with consent, and
// the receiving organisation moving a referral on; the referrer sees status and dates only.
import type { AppContext } from '../../app/context.ts';
import { referableFamilies, referralCounts, type ReferableFamily } from '../../app/family-support/referable.ts';
import { addReferralNote, createReferral, getReferral, listReferrals, progressReferral, withdrawConsent, type ReferralView } from '../../app/family-support/referrals.ts';
import { getPublicService, searchServices, serviceLanguages } from '../../app/family-support/social-map.ts';
import { listMunicipalities } from '../../app/places.ts';
import type { Actor, Role } from '../../app/permissions.ts';
import { brusselsDate, addMonths } from '../../domain/dates.ts';
import { UserError, type FieldProblem } from '../../domain/errors.ts';
import { checkConsent, DATA_CATEGORIES, type DataCategory } from '../../domain/family-support/consent.ts';
import { NEEDS } from '../../domain/family-support/hsds.ts';
import { REFERRAL_OUTCOMES, REFERRAL_STATUSES, REFERRAL_TRANSITIONS, STATUS_TEXT, type ReferralOutcome, type ReferralStatus, type ReferralStep } from '../../domain/family-support/referral.ts';
import type { App } from '../../http/server.ts';
import { html, type Html } from '../html.ts';
import { catalogue, say, t, type WLang } from './i18n.ts';
import { actionButton, addMenu, choiceGroup, csrfField, errorSummary, inputField, notice, page, problemsFrom, selectField, table, textareaField, type Problems, type View } from './layout.ts';
import { addTile, many, one, send, staffOf, type Body, type PageModule } from './routes.ts';

const tr = catalogue(
  {
    'menu': 'Doorverwijzingen',
    'list.title': 'Doorverwijzingen',
    'list.intro': 'Warme doorverwijzingen naar een aanbod op de sociale kaart, altijd met toestemming van het gezin.',
    'list.new': 'Nieuwe doorverwijzing',
    'list.received': 'Ontvangen door mijn organisatie',
    'list.received_none': 'Uw organisatie heeft nu geen doorverwijzingen.',
    'list.received_hint': 'U ziet de doorverwijzingen naar uw organisatie zolang de toestemming van het gezin geldt. Open er een om de gegevens te lezen.',
    'list.sent': 'Door mij of mijn collega’s verstuurd',
    'list.sent_none': 'U hebt nog niemand doorverwezen.',
    'list.sent_hint': 'U ziet hoe ver het staat, maar niet wat de organisatie met het gezin bespreekt.',
    'col.sent': 'Verstuurd op',
    'col.service': 'Aanbod',
    'col.organization': 'Organisatie',
    'col.need': 'Nood',
    'col.status': 'Status',
    'col.since': 'Laatste stap',
    'col.open': 'Bekijken',
    'open': 'Open',
    'open_for': 'doorverwijzing naar {service} van {date}',
    'tile.title': 'Doorverwijzingen',
    'tile.waiting': '{n} wachten op uw organisatie.',
    'tile.following': '{n} volgt uw organisatie op.',
    'tile.sent_open': '{n} van u lopen nog.',
    'tile.none': 'Er wacht niets.',
    'tile.all': 'Alle doorverwijzingen',
    'new.title': 'Nieuwe doorverwijzing',
    'new.steps': 'Stappen',
    'new.step_family': '1. Gezin',
    'new.step_service': '2. Aanbod',
    'new.step_consent': '3. Toestemming',
    'new.family_intro': 'Kies het gezin dat u doorverwijst. U ziet de gezinnen waarmee u werkt.',
    'new.family_search': 'Zoek op naam van een ouder of kind',
    'new.families': 'Gezinnen',
    'new.no_families': 'Geen gezin gevonden. Zoek op een andere naam.',
    'new.parents': 'Ouders',
    'new.children': 'Kinderen',
    'new.choose_family': 'Kies dit gezin',
    'new.choose_family_named': 'Kies gezin {name}',
    'new.family': 'Gezin',
    'new.other_family': 'Ander gezin kiezen',
    'new.service_intro': 'Zoek een aanbod op de sociale kaart dat past bij de vraag van het gezin.',
    'new.need': 'Nood',
    'new.any': 'Alle',
    'new.age': 'Leeftijd van het kind in maanden (niet verplicht)',
    'new.municipality': 'Gemeente',
    'new.language': 'Taal van het aanbod',
    'new.words': 'Woorden in de naam of beschrijving (niet verplicht)',
    'new.results': 'Aanbod ({n})',
    'new.no_results': 'Geen aanbod gevonden. Probeer met minder keuzes.',
    'new.choose_service': 'Verwijs naar dit aanbod',
    'new.choose_service_named': 'Verwijs naar {name}',
    'new.other_service': 'Ander aanbod kiezen',
    'new.service': 'Aanbod',
    'new.ages': 'Leeftijd',
    'new.ages_range': '{min} tot {max} jaar',
    'new.ages_from': 'vanaf {min} jaar',
    'new.ages_until': 'tot {max} jaar',
    'new.languages': 'Talen',
    'new.where': 'Waar',
    'new.child': 'Over welk kind gaat het?',
    'new.no_child': 'Over het gezin, niet over één kind',
    'new.unborn': 'verwacht op {date}',
    'new.born': 'geboren op {date}',
    'new.question': 'Vraag van het gezin',
    'new.question_hint': 'Kort en feitelijk. De organisatie leest dit alleen als het gezin toestemming geeft om de situatie te delen.',
    'consent.title': 'Toestemming van het gezin',
    'consent.intro': 'Vraag het gezin wat u mag delen, met wie en waarvoor. Deel niet meer dan nodig.',
    'consent.with': 'Gedeeld met',
    'consent.guardian': 'Welke ouder gaf toestemming?',
    'consent.data': 'Welke gegevens mag u delen?',
    'consent.data.contact': 'Contactgegevens van de ouders',
    'consent.data.contact_hint': 'Namen, telefoon, e-mail en adres.',
    'consent.data.child': 'Gegevens van het kind',
    'consent.data.child_hint': 'Naam en geboortedatum.',
    'consent.data.situation': 'De vraag van het gezin',
    'consent.data.situation_hint': 'Wat u hierboven schreef.',
    'consent.purpose': 'Waarvoor worden de gegevens gedeeld?',
    'consent.purpose_hint': 'Bijvoorbeeld: het gezin helpen met een aanvraag voor een toelage.',
    'consent.valid_until': 'Geldig tot en met',
    'consent.valid_until_hint': 'Hoogstens twee jaar.',
    'consent.withdraw_text': 'Het gezin kan deze toestemming altijd intrekken, bij u of bij de organisatie. Vanaf dan kan de organisatie de gegevens niet meer zien en stopt de doorverwijzing.',
    'consent.confirm_legend': 'Bevestiging',
    'consent.confirm': 'De ouder gaf deze toestemming en weet dat ze altijd kan worden ingetrokken.',
    'consent.confirm_missing': 'Bevestig dat de ouder toestemming gaf.',
    'consent.guardian_missing': 'Kies de ouder die toestemming gaf.',
    'new.submit': 'Doorverwijzing versturen',
    'detail.title': 'Doorverwijzing naar {service}',
    'detail.sent': 'De doorverwijzing is verstuurd. {organization} krijgt een bericht.',
    'detail.moved': 'De status is nu: {status}.',
    'detail.noted': 'Uw notitie is bewaard.',
    'detail.withdrawn': 'De toestemming is ingetrokken. Niemand kan de gedeelde gegevens nog zien.',
    'detail.progress': 'Verloop',
    'detail.status': 'Status',
    'detail.at.sent': 'Verstuurd',
    'detail.at.received': 'Ontvangen',
    'detail.at.contact_made': 'Contact gelegd',
    'detail.at.support_started': 'Ondersteuning gestart',
    'detail.at.closed': 'Afgesloten',
    'detail.at.declined': 'Niet opgenomen',
    'detail.referrer_note': 'U ziet hoe ver de doorverwijzing staat. Wat de organisatie met het gezin bespreekt, blijft bij hen.',
    'detail.consent': 'Toestemming',
    'detail.valid_until': 'Geldig tot en met',
    'detail.no_end': 'geen einddatum',
    'detail.withdrawn_on': 'Ingetrokken op',
    'detail.purpose': 'Doel',
    'detail.data': 'Gedeelde gegevens',
    'detail.referred_by': 'Doorverwezen door',
    'detail.need': 'Nood',
    'detail.question': 'Vraag van het gezin',
    'detail.not_shared': 'Niet gedeeld',
    'detail.family': 'Gezin',
    'detail.address': 'Adres',
    'detail.phone': 'Telefoon',
    'detail.email': 'E-mail',
    'detail.child': 'Kind',
    'detail.outcome': 'Afloop',
    'detail.reason': 'Reden',
    'detail.next': 'Volgende stap',
    'detail.final': 'Deze doorverwijzing is afgerond.',
    'step.received': 'Ontvangen: wij nemen dit op',
    'step.contact_made': 'Contact met het gezin gelegd',
    'step.support_started': 'Ondersteuning gestart',
    'step.close': 'Afsluiten',
    'step.close_legend': 'Afsluiten met een afloop',
    'step.outcome': 'Hoe liep het af?',
    'step.decline': 'Niet opnemen',
    'step.decline_legend': 'Niet opnemen',
    'step.reason': 'Waarom neemt u de doorverwijzing niet op?',
    'step.reason_hint': 'De doorverwijzer ziet deze reden niet.',
    'outcome.support_completed': 'ondersteuning afgerond',
    'outcome.referred_on': 'verder doorverwezen',
    'outcome.family_stopped': 'het gezin stopte',
    'outcome.no_longer_needed': 'niet meer nodig',
    'outcome.not_reached': 'gezin niet bereikt',
    'notes.title': 'Notities over de ondersteuning',
    'notes.hint': 'Alleen voor uw organisatie. De doorverwijzer ziet ze niet.',
    'notes.none': 'Nog geen notities.',
    'notes.text': 'Nieuwe notitie',
    'notes.add': 'Notitie bewaren',
    'notes.by': '{author}, {date}',
    'withdraw.title': 'Toestemming intrekken',
    'withdraw.text': 'Zegt het gezin dat het niet meer wil delen? Leg dat hier vast. De organisatie verliest meteen de toegang.',
    'withdraw.button': 'Toestemming intrekken',
    'withdraw.confirm': 'Wilt u de toestemming echt intrekken? Dit kan niet ongedaan worden.',
    'back': 'Terug naar de doorverwijzingen',
  },
  {
    'menu': 'Referrals',
    'list.title': 'Referrals',
    'list.intro': 'Warm referrals to a service on the social map, always with the family’s consent.',
    'list.new': 'New referral',
    'list.received': 'Received by my organisation',
    'list.received_none': 'Your organisation has no referrals now.',
    'list.received_hint': 'You see the referrals to your organisation while the family’s consent holds. Open one to read its data.',
    'list.sent': 'Sent by me or my colleagues',
    'list.sent_none': 'You have not referred anyone yet.',
    'list.sent_hint': 'You see how far it is, but not what the organisation discusses with the family.',
    'col.sent': 'Sent on',
    'col.service': 'Service',
    'col.organization': 'Organisation',
    'col.need': 'Need',
    'col.status': 'Status',
    'col.since': 'Last step',
    'col.open': 'View',
    'open': 'Open',
    'open_for': 'referral to {service} of {date}',
    'tile.title': 'Referrals',
    'tile.waiting': '{n} waiting for your organisation.',
    'tile.following': '{n} followed up by your organisation.',
    'tile.sent_open': '{n} of yours still open.',
    'tile.none': 'Nothing is waiting.',
    'tile.all': 'All referrals',
    'new.title': 'New referral',
    'new.steps': 'Steps',
    'new.step_family': '1. Family',
    'new.step_service': '2. Service',
    'new.step_consent': '3. Consent',
    'new.family_intro': 'Choose the family you refer. You see the families you work with.',
    'new.family_search': 'Search by the name of a parent or child',
    'new.families': 'Families',
    'new.no_families': 'No family found. Search for another name.',
    'new.parents': 'Parents',
    'new.children': 'Children',
    'new.choose_family': 'Choose this family',
    'new.choose_family_named': 'Choose family {name}',
    'new.family': 'Family',
    'new.other_family': 'Choose another family',
    'new.service_intro': 'Search the social map for a service that fits the family’s question.',
    'new.need': 'Need',
    'new.any': 'All',
    'new.age': 'Age of the child in months (optional)',
    'new.municipality': 'Municipality',
    'new.language': 'Language of the service',
    'new.words': 'Words in the name or description (optional)',
    'new.results': 'Services ({n})',
    'new.no_results': 'No service found. Try with fewer choices.',
    'new.choose_service': 'Refer to this service',
    'new.choose_service_named': 'Refer to {name}',
    'new.other_service': 'Choose another service',
    'new.service': 'Service',
    'new.ages': 'Age',
    'new.ages_range': '{min} to {max} years',
    'new.ages_from': 'from {min} years',
    'new.ages_until': 'up to {max} years',
    'new.languages': 'Languages',
    'new.where': 'Where',
    'new.child': 'Which child is it about?',
    'new.no_child': 'About the family, not one child',
    'new.unborn': 'expected on {date}',
    'new.born': 'born on {date}',
    'new.question': 'The family’s question',
    'new.question_hint': 'Short and factual. The organisation reads this only if the family agrees to share the situation.',
    'consent.title': 'The family’s consent',
    'consent.intro': 'Ask the family what you may share, with whom and what for. Share no more than needed.',
    'consent.with': 'Shared with',
    'consent.guardian': 'Which parent gave consent?',
    'consent.data': 'Which data may you share?',
    'consent.data.contact': 'The parents’ contact data',
    'consent.data.contact_hint': 'Names, phone, e-mail and address.',
    'consent.data.child': 'The child’s data',
    'consent.data.child_hint': 'Name and date of birth.',
    'consent.data.situation': 'The family’s question',
    'consent.data.situation_hint': 'What you wrote above.',
    'consent.purpose': 'What is the data shared for?',
    'consent.purpose_hint': 'For example: helping the family apply for an allowance.',
    'consent.valid_until': 'Valid until and including',
    'consent.valid_until_hint': 'Two years at most.',
    'consent.withdraw_text': 'The family can withdraw this consent at any time, with you or with the organisation. From then on the organisation can no longer see the data and the referral stops.',
    'consent.confirm_legend': 'Confirmation',
    'consent.confirm': 'The parent gave this consent and knows it can be withdrawn at any time.',
    'consent.confirm_missing': 'Confirm that the parent gave consent.',
    'consent.guardian_missing': 'Choose the parent who gave consent.',
    'new.submit': 'Send the referral',
    'detail.title': 'Referral to {service}',
    'detail.sent': 'The referral was sent. {organization} gets a message.',
    'detail.moved': 'The status is now: {status}.',
    'detail.noted': 'Your note was saved.',
    'detail.withdrawn': 'The consent was withdrawn. Nobody can see the shared data any more.',
    'detail.progress': 'Progress',
    'detail.status': 'Status',
    'detail.at.sent': 'Sent',
    'detail.at.received': 'Received',
    'detail.at.contact_made': 'Contact made',
    'detail.at.support_started': 'Support started',
    'detail.at.closed': 'Closed',
    'detail.at.declined': 'Declined',
    'detail.referrer_note': 'You see how far the referral is. What the organisation discusses with the family stays with them.',
    'detail.consent': 'Consent',
    'detail.valid_until': 'Valid until and including',
    'detail.no_end': 'no end date',
    'detail.withdrawn_on': 'Withdrawn on',
    'detail.purpose': 'Purpose',
    'detail.data': 'Data shared',
    'detail.referred_by': 'Referred by',
    'detail.need': 'Need',
    'detail.question': 'The family’s question',
    'detail.not_shared': 'Not shared',
    'detail.family': 'Family',
    'detail.address': 'Address',
    'detail.phone': 'Phone',
    'detail.email': 'E-mail',
    'detail.child': 'Child',
    'detail.outcome': 'Outcome',
    'detail.reason': 'Reason',
    'detail.next': 'Next step',
    'detail.final': 'This referral is finished.',
    'step.received': 'Received: we take this up',
    'step.contact_made': 'Contact made with the family',
    'step.support_started': 'Support started',
    'step.close': 'Close',
    'step.close_legend': 'Close with an outcome',
    'step.outcome': 'How did it end?',
    'step.decline': 'Decline',
    'step.decline_legend': 'Decline',
    'step.reason': 'Why do you not take up the referral?',
    'step.reason_hint': 'The referrer does not see this reason.',
    'outcome.support_completed': 'support completed',
    'outcome.referred_on': 'referred on',
    'outcome.family_stopped': 'the family stopped',
    'outcome.no_longer_needed': 'no longer needed',
    'outcome.not_reached': 'family not reached',
    'notes.title': 'Notes on the support',
    'notes.hint': 'For your organisation only. The referrer does not see them.',
    'notes.none': 'No notes yet.',
    'notes.text': 'New note',
    'notes.add': 'Save the note',
    'notes.by': '{author}, {date}',
    'withdraw.title': 'Withdraw consent',
    'withdraw.text': 'Does the family say it no longer wants to share? Record that here. The organisation loses access at once.',
    'withdraw.button': 'Withdraw consent',
    'withdraw.confirm': 'Do you really want to withdraw the consent? This cannot be undone.',
    'back': 'Back to the referrals',
  },
);

/** Staff who refer and receive referrals: everyone but analysts. */
const REFERRING: readonly Role[] = ['desk_worker', 'desk_coordinator', 'provider_staff', 'partner', 'admin'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const idOr = (x: string | undefined) => (x && UUID.test(x) ? x : undefined);

export function dateText(lang: WLang, iso: string | null, withTime = false): string {
  if (!iso) return '–';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(`${lang}-BE`, { timeZone: 'Europe/Brussels', day: 'numeric', month: 'long', year: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}) }).format(d);
}

const statusText = (lang: WLang, s: string) => say(lang, STATUS_TEXT[s as ReferralStatus] ?? { nl: s, en: s });
const needText = (lang: WLang, code: string | null) => (code ? say(lang, NEEDS[code] ?? { nl: code, en: code }) : '–');
const personName = (p: { givenName: string | null; familyName: string }) => [p.givenName, p.familyName].filter(Boolean).join(' ');
const familyName = (f: ReferableFamily) => f.guardians.map(personName).join(', ') || f.children.map(personName).join(', ');
const childText = (lang: WLang, c: ReferableFamily['children'][0]) =>
  `${personName(c)} (${c.birthDate ? tr(lang, 'new.born', { date: dateText(lang, c.birthDate) }) : c.dueDate ? tr(lang, 'new.unborn', { date: dateText(lang, c.dueDate) }) : '–'})`;

const STAMPS = [
  ['sent', 'sentAt'],
  ['received', 'receivedAt'],
  ['contact_made', 'contactMadeAt'],
  ['support_started', 'supportStartedAt'],
  ['closed', 'closedAt'],
  ['declined', 'declinedAt'],
] as const;

/** The latest step taken and when: for the lists. */
function lastStep(r: Pick<ReferralView, 'sentAt' | 'receivedAt' | 'contactMadeAt' | 'supportStartedAt' | 'closedAt' | 'declinedAt'>): string | null {
  return STAMPS.map(([, k]) => r[k]).filter((x): x is string => Boolean(x)).sort().at(-1) ?? null;
}

function progressList(v: View, r: ReferralView): Html {
  return html`<dl class="facts" id="verloop">
    <dt>${tr(v.lang, 'detail.status')}</dt><dd><strong class="tag">${statusText(v.lang, r.status)}</strong></dd>
    ${STAMPS.filter(([, k]) => r[k]).map(([s, k]) => html`<dt>${tr(v.lang, `detail.at.${s}`)}</dt><dd>${dateText(v.lang, r[k], true)}</dd>`)}
  </dl>`;
}

interface ServiceFilter {
  need: string;
  age: string;
  municipality: string;
  language: string;
  q: string;
}

interface ConsentValues {
  childId: string;
  guardianId: string;
  need: string;
  question: string;
  categories: string[];
  purpose: string;
  validUntil: string;
  confirmed: boolean;
}

export const registerReferralPages: PageModule = (area: App, ctx: AppContext) => {
  addMenu({ href: '/werkplek/doorverwijzingen', label: { nl: tr('nl', 'menu'), en: tr('en', 'menu') }, roles: REFERRING, order: 50 });
  addTile({
    roles: REFERRING,
    async render(c, actor, v) {
      const n = await referralCounts(c, actor);
      const lines = [n.waiting ? tr(v.lang, 'tile.waiting', { n: n.waiting }) : '', n.following ? tr(v.lang, 'tile.following', { n: n.following }) : '', n.sentOpen ? tr(v.lang, 'tile.sent_open', { n: n.sentOpen }) : ''].filter(Boolean);
      return html`<section class="card" aria-labelledby="tegel-doorverwijzingen">
        <h2 id="tegel-doorverwijzingen">${tr(v.lang, 'tile.title')}</h2>
        ${lines.length ? html`<ul>${lines.map((l) => html`<li>${l}</li>`)}</ul>` : html`<p>${tr(v.lang, 'tile.none')}</p>`}
        <p><a href="/werkplek/doorverwijzingen">${tr(v.lang, 'tile.all')}</a> · <a href="/werkplek/doorverwijzingen/nieuw">${tr(v.lang, 'list.new')}</a></p>
      </section>`;
    },
  });

  const noticeFrom = (v: View, q: Record<string, string>, r?: ReferralView) => {
    if (q.verstuurd && r) return notice('ok', tr(v.lang, 'detail.sent', { organization: r.organization.name }));
    if (q.stap && r) return notice('ok', tr(v.lang, 'detail.moved', { status: statusText(v.lang, r.status) }));
    if (q.notitie) return notice('ok', tr(v.lang, 'detail.noted'));
    if (q.ingetrokken) return notice('ok', tr(v.lang, 'detail.withdrawn'));
    return null;
  };

  area.get('/doorverwijzingen', { config: { action: 'referral.read' }, schema: { hide: true } }, async (request, reply) => {
    const actor = staffOf(request);
    const v = request.workspace.view;
    const [received, sent] = await Promise.all([listReferrals(ctx, actor, { box: 'received' }), listReferrals(ctx, actor, { box: 'sent' })]);
    const openLink = (r: ReferralView) =>
      html`<a href="/werkplek/doorverwijzingen/${r.id}">${tr(v.lang, 'open')}<span class="visually-hidden">: ${tr(v.lang, 'open_for', { service: r.service.name, date: dateText(v.lang, r.sentAt) })}</span></a>`;
    const body = html`<p>${tr(v.lang, 'list.intro')}</p>
      <p><a class="button" href="/werkplek/doorverwijzingen/nieuw">${tr(v.lang, 'list.new')}</a></p>
      <h2>${tr(v.lang, 'list.received')}</h2>
      <p class="hint">${tr(v.lang, 'list.received_hint')}</p>
      ${table(
        tr(v.lang, 'list.received'),
        [tr(v.lang, 'col.sent'), tr(v.lang, 'col.service'), tr(v.lang, 'col.need'), tr(v.lang, 'col.status'), tr(v.lang, 'col.open')],
        received.map((r) => [dateText(v.lang, r.sentAt), r.service.name, needText(v.lang, r.need ?? null), statusText(v.lang, r.status), openLink(r)]),
        { empty: tr(v.lang, 'list.received_none') },
      )}
      <h2>${tr(v.lang, 'list.sent')}</h2>
      <p class="hint">${tr(v.lang, 'list.sent_hint')}</p>
      ${table(
        tr(v.lang, 'list.sent'),
        [tr(v.lang, 'col.sent'), tr(v.lang, 'col.service'), tr(v.lang, 'col.organization'), tr(v.lang, 'col.status'), tr(v.lang, 'col.since'), tr(v.lang, 'col.open')],
        sent.map((r) => [dateText(v.lang, r.sentAt), r.service.name, r.organization.name, statusText(v.lang, r.status), dateText(v.lang, lastStep(r)), openLink(r)]),
        { empty: tr(v.lang, 'list.sent_none') },
      )}`;
    return send(reply, page(v, tr(v.lang, 'list.title'), body, { wide: true, notice: noticeFrom(v, request.query as Record<string, string>) }));
  });

  // ---- New referral: family, then service, then consent. Each step is a plain GET page, so it works without JavaScript.

  const steps = (v: View, at: 1 | 2 | 3) =>
    html`<ol class="steps" aria-label="${tr(v.lang, 'new.steps')}">${(['new.step_family', 'new.step_service', 'new.step_consent'] as const).map((k, i) => html`<li${i + 1 === at ? html` aria-current="step"` : ''}>${tr(v.lang, k)}</li>`)}</ol>`;

  const familyStep = async (v: View, actor: Actor, q: string) => {
    const families = await referableFamilies(ctx, actor, q ? { q } : {});
    return html`${steps(v, 1)}<p>${tr(v.lang, 'new.family_intro')}</p>
      <form method="get" action="/werkplek/doorverwijzingen/nieuw" class="search" role="search">
        ${inputField({ name: 'zoek', label: tr(v.lang, 'new.family_search'), value: q, problems: {} })}
        <div class="actions"><button type="submit" class="secondary">${t(v.lang, 'form.search')}</button></div>
      </form>
      ${table(
        tr(v.lang, 'new.families'),
        [tr(v.lang, 'new.parents'), tr(v.lang, 'new.children'), tr(v.lang, 'new.municipality'), tr(v.lang, 'new.family')],
        families.map((f) => [
          f.guardians.map(personName).join(', '),
          html`${f.children.map((c, i) => html`${i ? html`<br>` : ''}${childText(v.lang, c)}`)}`,
          f.municipality,
          html`<a href="/werkplek/doorverwijzingen/nieuw?gezin=${f.id}">${tr(v.lang, 'new.choose_family')}<span class="visually-hidden">: ${familyName(f)}</span></a>`,
        ]),
        { empty: tr(v.lang, 'new.no_families') },
      )}`;
  };

  const familySummary = (v: View, f: ReferableFamily) =>
    html`<dl class="facts"><dt>${tr(v.lang, 'new.family')}</dt><dd>${familyName(f)} (${f.municipality}) · <a href="/werkplek/doorverwijzingen/nieuw">${tr(v.lang, 'new.other_family')}</a></dd></dl>`;

  const serviceStep = async (v: View, f: ReferableFamily, filter: ServiceFilter) => {
    const ageMonths = /^\d{1,3}$/.test(filter.age) ? Number(filter.age) : undefined;
    const needOk = Object.hasOwn(NEEDS, filter.need) ? filter.need : '';
    const found = await searchServices(ctx, request0(), {
      ...(needOk ? { need: needOk } : {}),
      ...(ageMonths !== undefined ? { ageMonths } : {}),
      ...(/^\d{5}$/.test(filter.municipality) ? { municipalityNis: filter.municipality } : {}),
      ...(/^[a-z]{2,3}$/.test(filter.language) ? { language: filter.language } : {}),
      ...(filter.q.trim() ? { q: filter.q } : {}),
    });
    const [municipalities, languages] = await Promise.all([listMunicipalities(ctx, request0()), serviceLanguages(ctx, request0())]);
    const languageName = (code: string) => languages.find((l) => l.code === code)?.name ?? code;
    const params = (extra: Record<string, string>) => new URLSearchParams({ gezin: f.id, ...(needOk ? { nood: needOk } : {}), ...extra }).toString();
    return html`${steps(v, 2)}${familySummary(v, f)}
      <p>${tr(v.lang, 'new.service_intro')}</p>
      <form method="get" action="/werkplek/doorverwijzingen/nieuw" role="search">
        <input type="hidden" name="gezin" value="${f.id}">
        ${selectField({ name: 'nood', label: tr(v.lang, 'new.need'), value: needOk, options: [['', tr(v.lang, 'new.any')], ...Object.keys(NEEDS).map((k) => [k, needText(v.lang, k)] as [string, string])], problems: {} })}
        ${inputField({ name: 'leeftijd', label: tr(v.lang, 'new.age'), type: 'number', min: 0, max: 216, inputmode: 'numeric', value: ageMonths !== undefined ? String(ageMonths) : '', problems: {} })}
        ${selectField({ name: 'gemeente', label: tr(v.lang, 'new.municipality'), value: filter.municipality, options: [['', tr(v.lang, 'new.any')], ...municipalities.map((m) => [m.nisCode, m.name] as [string, string])], problems: {} })}
        ${selectField({ name: 'hulptaal', label: tr(v.lang, 'new.language'), value: filter.language, options: [['', tr(v.lang, 'new.any')], ...languages.map((l) => [l.code, l.name] as [string, string])], problems: {} })}
        ${inputField({ name: 'woorden', label: tr(v.lang, 'new.words'), value: filter.q, problems: {} })}
        <div class="actions"><button type="submit" class="secondary">${t(v.lang, 'form.search')}</button></div>
      </form>
      <h2 id="resultaten">${tr(v.lang, 'new.results', { n: found.length })}</h2>
      ${found.length
        ? html`<ul class="results" aria-labelledby="resultaten">${found.map(
            (s) => html`<li>
              <h3>${s.name}</h3>
              <p>${s.organization.name}</p>
              ${s.description ? html`<p lang="nl">${s.description}</p>` : ''}
              <dl class="facts">
                <dt>${tr(v.lang, 'new.need')}</dt><dd>${s.needs.map((n) => needText(v.lang, n)).join(', ') || '–'}</dd>
                <dt>${tr(v.lang, 'new.ages')}</dt><dd>${agesText(v.lang, s.minAgeMonths, s.maxAgeMonths)}</dd>
                <dt>${tr(v.lang, 'new.languages')}</dt><dd>${s.languages.map(languageName).join(', ') || '–'}</dd>
                <dt>${tr(v.lang, 'new.where')}</dt><dd>${s.locations.map((l) => `${l.name}, ${l.street}, ${l.postalCode} ${l.city}`).join(' · ') || '–'}</dd>
              </dl>
              <p><a class="button secondary" href="/werkplek/doorverwijzingen/nieuw?${params({ aanbod: s.id })}">${tr(v.lang, 'new.choose_service')}<span class="visually-hidden">: ${s.name}</span></a></p>
            </li>`,
          )}</ul>`
        : html`<p>${tr(v.lang, 'new.no_results')}</p>`}`;
  };

  /** Reading the public social map needs no person: the search runs as the anonymous public would. */
  const request0 = (): Actor => ({ userId: null, role: 'anonymous', deskId: null, organiserId: null, channel: 'web' });

  const consentStep = async (v: View, f: ReferableFamily, serviceId: string, values: ConsentValues, problems: Problems) => {
    const s = await getPublicService(ctx, request0(), serviceId);
    const categories = DATA_CATEGORIES.map((c) => ({ value: c, label: tr(v.lang, `consent.data.${c}`), hint: tr(v.lang, `consent.data.${c}_hint`) }));
    return html`${steps(v, 3)}${errorSummary(v, problems)}${familySummary(v, f)}
      <dl class="facts"><dt>${tr(v.lang, 'new.service')}</dt><dd>${s.name} – ${s.organization.name} · <a href="/werkplek/doorverwijzingen/nieuw?gezin=${f.id}">${tr(v.lang, 'new.other_service')}</a></dd></dl>
      <form method="post" action="/werkplek/doorverwijzingen/nieuw" novalidate>${csrfField(v)}
        <input type="hidden" name="familyId" value="${f.id}">
        <input type="hidden" name="serviceId" value="${s.id}">
        ${choiceGroup({ name: 'childId', legend: tr(v.lang, 'new.child'), type: 'radio', options: [...f.children.map((c) => ({ value: c.id, label: childText(v.lang, c) })), { value: '', label: tr(v.lang, 'new.no_child') }], checked: [values.childId], problems })}
        ${selectField({ name: 'need', label: tr(v.lang, 'new.need'), value: values.need, options: [['', tr(v.lang, 'new.any')], ...Object.keys(NEEDS).map((k) => [k, needText(v.lang, k)] as [string, string])], problems })}
        ${textareaField({ name: 'question', label: tr(v.lang, 'new.question'), hint: tr(v.lang, 'new.question_hint'), value: values.question, problems })}
        <h2>${tr(v.lang, 'consent.title')}</h2>
        <p>${tr(v.lang, 'consent.intro')}</p>
        <dl class="facts"><dt>${tr(v.lang, 'consent.with')}</dt><dd>${s.organization.name}</dd></dl>
        ${choiceGroup({ name: 'consent.givenByGuardianId', legend: tr(v.lang, 'consent.guardian'), type: 'radio', options: f.guardians.map((g) => ({ value: g.id, label: personName(g) })), checked: [values.guardianId], problems })}
        ${choiceGroup({ name: 'consent.dataCategories', legend: tr(v.lang, 'consent.data'), type: 'checkbox', options: categories, checked: values.categories, problems })}
        ${textareaField({ name: 'consent.purpose', label: tr(v.lang, 'consent.purpose'), hint: tr(v.lang, 'consent.purpose_hint'), value: values.purpose, problems })}
        ${inputField({ name: 'consent.validUntil', label: tr(v.lang, 'consent.valid_until'), hint: tr(v.lang, 'consent.valid_until_hint'), type: 'date', value: values.validUntil, problems })}
        <div class="notice"><p>${tr(v.lang, 'consent.withdraw_text')}</p></div>
        ${choiceGroup({ name: 'confirmed', legend: tr(v.lang, 'consent.confirm_legend'), type: 'checkbox', options: [{ value: 'ja', label: tr(v.lang, 'consent.confirm') }], checked: values.confirmed ? ['ja'] : [], problems })}
        <div class="actions"><button type="submit">${tr(v.lang, 'new.submit')}</button><a href="/werkplek/doorverwijzingen">${t(v.lang, 'form.cancel')}</a></div>
      </form>`;
  };

  const familyOr404 = async (actor: Actor, id: string) => {
    const f = (await referableFamilies(ctx, actor, { id, limit: 1 }))[0];
    if (!f) throw new UserError('not_found', 'family.not_found', null, { nl: 'Dit gezin bestaat niet of u werkt er niet mee.', en: 'This family does not exist or you do not work with it.' });
    return f;
  };

  area.get('/doorverwijzingen/nieuw', { config: { action: 'referral.create' }, schema: { hide: true } }, async (request, reply) => {
    const actor = staffOf(request);
    const v = request.workspace.view;
    const q = request.query as Record<string, string | undefined>;
    const familyId = idOr(q.gezin);
    const serviceId = idOr(q.aanbod);
    let body: Html;
    if (!familyId) body = await familyStep(v, actor, q.zoek ?? '');
    else {
      const f = await familyOr404(actor, familyId);
      if (!serviceId) body = await serviceStep(v, f, { need: q.nood ?? '', age: q.leeftijd ?? '', municipality: q.gemeente ?? '', language: q.hulptaal ?? '', q: q.woorden ?? '' });
      else {
        const values: ConsentValues = {
          childId: f.children[0]?.id ?? '',
          guardianId: f.guardians.length === 1 ? (f.guardians[0]?.id ?? '') : '',
          need: Object.hasOwn(NEEDS, q.nood ?? '') ? (q.nood as string) : '',
          question: '',
          categories: ['contact'],
          purpose: '',
          validUntil: addMonths(brusselsDate(ctx.now()), 12),
          confirmed: false,
        };
        body = await consentStep(v, f, serviceId, values, {});
      }
    }
    return send(reply, page(v, tr(v.lang, 'new.title'), body, { wide: true }));
  });

  area.post('/doorverwijzingen/nieuw', { config: { action: 'referral.create' }, schema: { hide: true } }, async (request, reply) => {
    const actor = staffOf(request);
    const v = request.workspace.view;
    const b = request.body as Body;
    const f = await familyOr404(actor, idOr(one(b, 'familyId')) ?? '00000000-0000-0000-0000-000000000000');
    const serviceId = idOr(one(b, 'serviceId')) ?? '00000000-0000-0000-0000-000000000000';
    const values: ConsentValues = {
      childId: one(b, 'childId'),
      guardianId: one(b, 'consent.givenByGuardianId'),
      need: one(b, 'need'),
      question: one(b, 'question'),
      categories: many(b, 'consent.dataCategories'),
      purpose: one(b, 'consent.purpose'),
      validUntil: one(b, 'consent.validUntil'),
      confirmed: one(b, 'confirmed') === 'ja',
    };
    const consent = { givenByGuardianId: values.guardianId, purpose: values.purpose, dataCategories: values.categories.filter((c): c is DataCategory => (DATA_CATEGORIES as readonly string[]).includes(c)), validUntil: values.validUntil };
    const again = async (details: FieldProblem[]) => send(reply, page(v, tr(v.lang, 'new.title'), await consentStep(v, f, serviceId, values, problemsFrom(v.lang, details)), { wide: true }), 400);
    // Without the confirmation nothing is sent; the consent's own checks are shown at the same time.
    if (!values.confirmed) {
      return again([{ field: 'confirmed', code: 'referral.consent_not_confirmed', nl: tr('nl', 'consent.confirm_missing'), en: tr('en', 'consent.confirm_missing') }, ...checkConsent(consent, brusselsDate(ctx.now()))]);
    }
    if (!UUID.test(values.guardianId)) return again([{ field: 'consent.givenByGuardianId', code: 'consent.guardian_required', nl: tr('nl', 'consent.guardian_missing'), en: tr('en', 'consent.guardian_missing') }, ...checkConsent(consent, brusselsDate(ctx.now()))]);
    try {
      const r = await createReferral(ctx, actor, {
        familyId: f.id,
        ...(idOr(values.childId) ? { childId: values.childId } : {}),
        serviceId,
        ...(values.need ? { need: values.need } : {}),
        question: values.question,
        consent,
      });
      return reply.redirect(`/werkplek/doorverwijzingen/${r.id}?verstuurd=1`, 303);
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      return again(err.details.length ? err.details : [{ field: err.field ?? 'question', code: err.code, nl: err.nl, en: err.en }]);
    }
  });

  // ---- One referral: the receiver's full view with the next steps and notes, or the referrer's progress.

  const detailPage = (v: View, r: ReferralView, problems: Problems, values: Record<string, string>, note: Html | null) => {
    const consent = r.consent;
    const withdrawn = 'withdrawnAt' in consent && consent.withdrawnAt;
    const consentFacts = html`<h2>${tr(v.lang, 'detail.consent')}</h2>
      <dl class="facts">
        <dt>${tr(v.lang, 'consent.with')}</dt><dd>${r.organization.name}</dd>
        ${r.view === 'receiver' ? html`<dt>${tr(v.lang, 'detail.purpose')}</dt><dd>${r.consent.purpose}</dd><dt>${tr(v.lang, 'detail.data')}</dt><dd>${r.consent.dataCategories.map((c) => tr(v.lang, `consent.data.${c as DataCategory}`)).join(', ')}</dd>` : ''}
        <dt>${tr(v.lang, 'detail.valid_until')}</dt><dd>${consent.validUntil ? dateText(v.lang, consent.validUntil) : tr(v.lang, 'detail.no_end')}</dd>
        ${withdrawn ? html`<dt>${tr(v.lang, 'detail.withdrawn_on')}</dt><dd>${dateText(v.lang, withdrawn, true)}</dd>` : ''}
      </dl>
      ${withdrawn
        ? ''
        : html`<h3>${tr(v.lang, 'withdraw.title')}</h3><p>${tr(v.lang, 'withdraw.text')}</p>
          ${actionButton(v, `/werkplek/doorverwijzingen/${r.id}/intrekken`, tr(v.lang, 'withdraw.button'), {}, { secondary: true, confirm: tr(v.lang, 'withdraw.confirm') })}`}`;
    const progress = html`<h2>${tr(v.lang, 'detail.progress')}</h2>${progressList(v, r)}`;
    let body: Html;
    if (r.view === 'progress') {
      body = html`<dl class="facts"><dt>${tr(v.lang, 'new.service')}</dt><dd>${r.service.name}</dd><dt>${tr(v.lang, 'col.organization')}</dt><dd>${r.organization.name}</dd></dl>
        ${progress}<p class="hint">${tr(v.lang, 'detail.referrer_note')}</p>${consentFacts}`;
    } else {
      const next = REFERRAL_TRANSITIONS[r.status];
      const simple = next.filter((s): s is 'received' | 'contact_made' | 'support_started' => s === 'received' || s === 'contact_made' || s === 'support_started');
      const action = `/werkplek/doorverwijzingen/${r.id}/stap`;
      const steps = next.length
        ? html`<h2>${tr(v.lang, 'detail.next')}</h2>
          <div class="actions">${simple.map((s) => actionButton(v, action, tr(v.lang, `step.${s}`), { to: s }))}</div>
          ${next.includes('closed')
            ? html`<form method="post" action="${action}" class="card" novalidate>${csrfField(v)}<input type="hidden" name="to" value="closed">
              <h3>${tr(v.lang, 'step.close_legend')}</h3>
              ${selectField({ name: 'outcome', label: tr(v.lang, 'step.outcome'), value: values.outcome ?? '', options: [['', t(v.lang, 'form.choose')], ...REFERRAL_OUTCOMES.map((o) => [o, tr(v.lang, `outcome.${o}`)] as [string, string])], problems })}
              <div class="actions"><button type="submit" class="secondary">${tr(v.lang, 'step.close')}</button></div></form>`
            : ''}
          ${next.includes('declined')
            ? html`<form method="post" action="${action}" class="card" novalidate>${csrfField(v)}<input type="hidden" name="to" value="declined">
              <h3>${tr(v.lang, 'step.decline_legend')}</h3>
              ${textareaField({ name: 'reason', label: tr(v.lang, 'step.reason'), hint: tr(v.lang, 'step.reason_hint'), value: values.reason ?? '', problems })}
              <div class="actions"><button type="submit" class="secondary">${tr(v.lang, 'step.decline')}</button></div></form>`
            : ''}`
        : html`<p>${tr(v.lang, 'detail.final')}</p>`;
      const fam = r.family;
      body = html`<dl class="facts">
          <dt>${tr(v.lang, 'new.service')}</dt><dd>${r.service.name}</dd>
          <dt>${tr(v.lang, 'detail.referred_by')}</dt><dd>${[r.referrer.name, r.referrer.email].filter(Boolean).join(' · ') || '–'}</dd>
          <dt>${tr(v.lang, 'detail.need')}</dt><dd>${needText(v.lang, r.need)}</dd>
          <dt>${tr(v.lang, 'detail.question')}</dt><dd>${r.question ?? tr(v.lang, 'detail.not_shared')}</dd>
          ${r.outcome ? html`<dt>${tr(v.lang, 'detail.outcome')}</dt><dd>${tr(v.lang, `outcome.${r.outcome as ReferralOutcome}`)}</dd>` : ''}
          ${r.declineReason ? html`<dt>${tr(v.lang, 'detail.reason')}</dt><dd>${r.declineReason}</dd>` : ''}
        </dl>
        <h2>${tr(v.lang, 'detail.family')}</h2>
        ${fam
          ? html`<dl class="facts">
              ${fam.guardians.map((g) => html`<dt>${personName(g)}</dt><dd>${[g.phone ? html`<a href="tel:${g.phone.replace(/\s/g, '')}">${g.phone}</a>` : '', g.email ? html`<a href="mailto:${g.email}">${g.email}</a>` : ''].filter(Boolean).map((x, i) => html`${i ? ' · ' : ''}${x}`)}</dd>`)}
              <dt>${tr(v.lang, 'detail.address')}</dt><dd>${[fam.street, [fam.postalCode, fam.municipality].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</dd>
            </dl>`
          : html`<p>${tr(v.lang, 'detail.not_shared')}</p>`}
        ${r.child ? html`<dl class="facts"><dt>${tr(v.lang, 'detail.child')}</dt><dd>${childText(v.lang, { id: '', ...r.child })}</dd></dl>` : ''}
        ${progress}${steps}
        <h2 id="notities">${tr(v.lang, 'notes.title')}</h2>
        <p class="hint">${tr(v.lang, 'notes.hint')}</p>
        ${r.notes.length ? html`<ul class="results notes">${r.notes.map((n) => html`<li><p>${n.text}</p><p class="hint">${tr(v.lang, 'notes.by', { author: n.author ?? '–', date: dateText(v.lang, n.at, true) })}</p></li>`)}</ul>` : html`<p>${tr(v.lang, 'notes.none')}</p>`}
        <form method="post" action="/werkplek/doorverwijzingen/${r.id}/notitie" novalidate>${csrfField(v)}
          ${textareaField({ name: 'text', label: tr(v.lang, 'notes.text'), value: values.text ?? '', problems })}
          <div class="actions"><button type="submit">${tr(v.lang, 'notes.add')}</button></div>
        </form>
        ${consentFacts}`;
    }
    return page(v, tr(v.lang, 'detail.title', { service: r.service.name }), html`${errorSummary(v, problems)}${body}<p><a href="/werkplek/doorverwijzingen">${tr(v.lang, 'back')}</a></p>`, { notice: note, wide: true });
  };

  const idParams = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } as const;

  area.get('/doorverwijzingen/:id', { config: { action: 'referral.read' }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const actor = staffOf(request);
    const v = request.workspace.view;
    const { id } = request.params as { id: string };
    const r = await getReferral(ctx, actor, id);
    return send(reply, detailPage(v, r, {}, {}, noticeFrom(v, request.query as Record<string, string>, r)));
  });

  area.post('/doorverwijzingen/:id/stap', { config: { action: 'referral.progress' }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const actor = staffOf(request);
    const v = request.workspace.view;
    const { id } = request.params as { id: string };
    const b = request.body as Body;
    const to = one(b, 'to') as ReferralStatus;
    if (!(REFERRAL_STATUSES as readonly string[]).includes(to)) throw new UserError('unprocessable', 'referral.unknown_step', 'to', { nl: t('nl', 'error.bad_form'), en: t('en', 'error.bad_form') });
    const step: ReferralStep = { to, ...(to === 'closed' && one(b, 'outcome') ? { outcome: one(b, 'outcome') as ReferralOutcome } : {}), ...(to === 'declined' ? { reason: one(b, 'reason') } : {}) };
    if (to === 'closed' && step.outcome && !(REFERRAL_OUTCOMES as readonly string[]).includes(step.outcome)) delete step.outcome;
    try {
      await progressReferral(ctx, actor, id, step);
      return reply.redirect(`/werkplek/doorverwijzingen/${id}?stap=1`, 303);
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      const r = await getReferral(ctx, actor, id);
      const details = err.details.length ? err.details : [{ field: err.field ?? 'to', code: err.code, nl: err.nl, en: err.en }];
      return send(reply, detailPage(v, r, problemsFrom(v.lang, details), { outcome: one(b, 'outcome'), reason: one(b, 'reason') }, null), 400);
    }
  });

  area.post('/doorverwijzingen/:id/notitie', { config: { action: 'referral.progress' }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const actor = staffOf(request);
    const v = request.workspace.view;
    const { id } = request.params as { id: string };
    const text = one(request.body as Body, 'text');
    try {
      await addReferralNote(ctx, actor, id, text);
      return reply.redirect(`/werkplek/doorverwijzingen/${id}?notitie=1#notities`, 303);
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      const r = await getReferral(ctx, actor, id);
      return send(reply, detailPage(v, r, problemsFrom(v.lang, err.details), { text }, null), 400);
    }
  });


  area.post('/doorverwijzingen/:id/intrekken', { config: { action: 'consent.withdraw' }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const actor = staffOf(request);
    const { id } = request.params as { id: string };
    const r = await getReferral(ctx, actor, id);
    await withdrawConsent(ctx, actor, r.consent.id);
    // The receiver loses access at once; the referrer keeps seeing the progress.
    if (r.view === 'receiver') return reply.redirect('/werkplek/doorverwijzingen?ingetrokken=1', 303);
    return reply.redirect(`/werkplek/doorverwijzingen/${id}?ingetrokken=1`, 303);
  });

};


function agesText(lang: WLang, min: number | null, max: number | null): string {
  const y = (m: number) => String(Math.round((m / 12) * 10) / 10).replace('.', lang === 'nl' ? ',' : '.');
  if (min !== null && max !== null) return tr(lang, 'new.ages_range', { min: y(min), max: y(max) });
  if (min !== null) return tr(lang, 'new.ages_from', { min: y(min) });
  if (max !== null) return tr(lang, 'new.ages_until', { max: y(max) });
  return '–';
}
