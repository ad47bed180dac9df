// The desk's pages: the contact register for any question, registering a request on a family's behalf, the
// queue of possible duplicate children, and the follow-up lists.
import type { FastifyRequest } from 'fastify';
import { closeContact, CONTACT_CHANNELS, CONTACT_TOPICS, getContact, listContacts, recordContact, registerFromContact } from '../../app/contacts.ts';
import type { AppContext } from '../../app/context.ts';
import { dismissDuplicate, listDuplicates, mergeDuplicate } from '../../app/duplicates.ts';
import { noPlaceYet, overdueResponses } from '../../app/follow-up.ts';
import { listLocations } from '../../app/places.ts';
import { UserError } from '../../domain/errors.ts';
import type { RegistrationInput } from '../../domain/requests/registration.ts';
import type { App } from '../../http/server.ts';
import { html, type Html } from '../html.ts';
import { catalogue, say } from './i18n.ts';
import { actionButton, addMenu, choiceGroup, csrfField, errorSummary, inputField, notice, page, problemsFrom, selectField, table, textareaField, type Problems, type View } from './layout.ts';
import { downloadLinks } from './pages-exports.ts';
import { addTile, one, send, staffOf, type Body } from './routes.ts';

const DESK_ROLES = ['desk_worker', 'desk_coordinator', 'admin'] as const;

const tr = catalogue(
  {
    'menu.contacts': 'Contacten',
    'menu.duplicates': 'Dubbels',
    'menu.followup': 'Opvolging',
    'contacts.title': 'Contacten aan het loket',
    'contacts.intro': 'Registreer elke vraag: over kinderopvang, opvoeding, gezondheid, geld of iets anders. Gaat de vraag over kinderopvang, dan maakt u er in één stap een aanvraag van.',
    'contacts.new': 'Nieuw contact',
    'contacts.open': 'Open contacten',
    'contacts.none': 'Er zijn geen open contacten.',
    'contacts.saved': 'Het contact is bewaard.',
    'contacts.closed': 'Het contact is afgesloten.',
    'field.channel': 'Hoe kwam de vraag binnen?',
    'field.topic': 'Waarover gaat de vraag?',
    'field.summary': 'De vraag in het kort',
    'field.contactName': 'Naam van wie de vraag stelt (niet verplicht)',
    'field.followUp': 'Wat volgt er? (niet verplicht)',
    'field.followUpDue': 'Opvolgen tegen (niet verplicht)',
    'channel.walk_in': 'Aan het loket',
    'channel.phone': 'Telefoon',
    'channel.mail': 'Mail of brief',
    'channel.partner': 'Via een partner',
    'channel.portal': 'Via het ouderportaal',
    'topic.childcare': 'Kinderopvang',
    'topic.parenting': 'Opvoeding',
    'topic.health': 'Gezondheid',
    'topic.finances': 'Geld en rechten',
    'topic.other': 'Iets anders',
    'col.when': 'Wanneer',
    'col.channel': 'Kanaal',
    'col.topic': 'Onderwerp',
    'col.question': 'Vraag',
    'col.followup': 'Opvolging',
    'col.request': 'Aanvraag',
    'col.actions': 'Acties',
    'overdue': 'te laat',
    'contact.title': 'Contact',
    'contact.register': 'Aanvraag kinderopvang registreren',
    'contact.close': 'Contact afsluiten',
    'contact.has_request': 'Aanvraag {number} is geregistreerd.',
    'register.title': 'Aanvraag registreren voor een gezin',
    'register.intro': 'U registreert de aanvraag in naam van het gezin. Vraag eerst de toestemming van de ouder en duid die hieronder aan.',
    'register.child': 'Het kind',
    'register.born': 'Is het kind al geboren?',
    'register.yes': 'Ja',
    'register.no': 'Nee, nog niet',
    'register.child_given': 'Voornaam van het kind (niet verplicht)',
    'register.child_family': 'Familienaam van het kind',
    'register.birth_date': 'Geboortedatum (als het kind geboren is)',
    'register.due_date': 'Verwachte bevallingsdatum (als het kind nog niet geboren is)',
    'register.child_insz': 'Rijksregisternummer van het kind (niet verplicht)',
    'register.parent': 'De ouder',
    'register.given': 'Voornaam',
    'register.family': 'Familienaam',
    'register.email': 'E-mailadres (niet verplicht)',
    'register.phone': 'Telefoonnummer (niet verplicht)',
    'register.parent_insz': 'Rijksregisternummer van de ouder (niet verplicht)',
    'register.municipality': 'Gemeente waar het gezin woont',
    'register.street': 'Straat en huisnummer (niet verplicht)',
    'register.postal': 'Postcode (niet verplicht)',
    'register.care': 'De opvang',
    'register.start': 'Gewenste startdatum',
    'register.flex': 'Hoeveel weken later mag het ook? ',
    'register.days': 'Dagen',
    'register.locations': 'Gekozen opvanglocaties, in volgorde van voorkeur',
    'register.choice': 'Keuze {n}',
    'register.consent': 'Toestemming',
    'register.consent_yes': 'De ouder gaf toestemming om de aanvraag te verwerken en door te geven aan de gekozen opvanglocaties.',
    'register.submit': 'Aanvraag registreren',
    'register.done': 'Aanvraag {number} is geregistreerd.',
    'register.existing': 'Dit kind heeft al een open aanvraag: {number} bij {desk}.',
    'part.none': 'geen opvang',
    'part.full': 'hele dag',
    'part.morning': 'voormiddag',
    'part.afternoon': 'namiddag',
    'day.1': 'Maandag',
    'day.2': 'Dinsdag',
    'day.3': 'Woensdag',
    'day.4': 'Donderdag',
    'day.5': 'Vrijdag',
    'dup.title': 'Mogelijke dubbels',
    'dup.intro': 'Deze kinderen lijken op elkaar. Vergelijk ze en voeg ze samen als het hetzelfde kind is. De aanvraag die eerst werd ingeschreven blijft.',
    'dup.none': 'Er zijn geen mogelijke dubbels.',
    'dup.pair': 'Mogelijk dubbel {n}: {score}% gelijk',
    'dup.why': 'Waarom',
    'dup.field': 'Gegeven',
    'dup.a': 'Kind A',
    'dup.b': 'Kind B',
    'dup.name': 'Naam',
    'dup.birth': 'Geboren of verwacht',
    'dup.insz': 'Rijksregisternummer',
    'dup.parents': 'Ouders',
    'dup.requests': 'Aanvragen',
    'dup.keep_a': 'Samenvoegen, kind A blijft',
    'dup.keep_b': 'Samenvoegen, kind B blijft',
    'dup.different': 'Geen dubbel',
    'dup.merged': 'De kinderen zijn samengevoegd.',
    'dup.dismissed': 'Gemarkeerd als geen dubbel.',
    'dup.confirm': 'Weet u zeker dat dit hetzelfde kind is? Samenvoegen kan u niet ongedaan maken.',
    'dup.elsewhere': 'Gekend bij {desks}. U ziet de gegevens van dit kind niet.',
    'dup.proof_pending': 'Nog na te gaan: de gegevens kwamen overeen zonder bewijs. Bel of mail het gezin voor u samenvoegt.',
    'dup.cross_desk': 'Dit paar hoort bij twee loketten. De kinderen worden pas samengevoegd als beide loketten hetzelfde kind laten blijven.',
    'dup.awaiting': 'Uw keuze is bewaard. Het andere loket moet nog akkoord gaan.',
    'dup.other_agreed': 'Het andere loket koos al welk kind blijft. Kies hetzelfde kind om samen te voegen.',
    'follow.title': 'Opvolging',
    'follow.overdue': 'Opvanglocaties die nog niet antwoordden (meer dan {days} dagen)',
    'follow.overdue_none': 'Alle opvanglocaties antwoordden op tijd.',
    'follow.noplace': 'Gezinnen zonder plaats, met een start binnen {months} maanden',
    'follow.noplace_none': 'Geen gezinnen zonder plaats binnen die tijd.',
    'col.organiser': 'Organisator',
    'col.location': 'Locatie',
    'col.number': 'Nummer',
    'col.registered': 'Ingeschreven op',
    'col.waiting': 'Dagen zonder antwoord',
    'col.child': 'Kind',
    'col.start': 'Gewenste start',
    'col.status': 'Status',
    'col.contact': 'Contact',
    'tile.contacts': '{n} open contact(en), waarvan {late} te laat opgevolgd.',
    'tile.duplicates': '{n} mogelijke dubbel(s) om na te kijken.',
    'tile.title': 'Loket',
  },
  {
    'menu.contacts': 'Contacts',
    'menu.duplicates': 'Duplicates',
    'menu.followup': 'Follow-up',
    'contacts.title': 'Contacts at the desk',
    'contacts.intro': 'Record every question: about childcare, parenting, health, money or anything else. If it is about childcare, turn it into a request in one step.',
    'contacts.new': 'New contact',
    'contacts.open': 'Open contacts',
    'contacts.none': 'There are no open contacts.',
    'contacts.saved': 'The contact is saved.',
    'contacts.closed': 'The contact is closed.',
    'field.channel': 'How did the question come in?',
    'field.topic': 'What is the question about?',
    'field.summary': 'The question in short',
    'field.contactName': 'Name of the person asking (optional)',
    'field.followUp': 'What follows? (optional)',
    'field.followUpDue': 'Follow up by (optional)',
    'channel.walk_in': 'At the desk',
    'channel.phone': 'Phone',
    'channel.mail': 'Mail or letter',
    'channel.partner': 'Through a partner',
    'channel.portal': 'Through the parent portal',
    'topic.childcare': 'Childcare',
    'topic.parenting': 'Parenting',
    'topic.health': 'Health',
    'topic.finances': 'Money and rights',
    'topic.other': 'Something else',
    'col.when': 'When',
    'col.channel': 'Channel',
    'col.topic': 'Topic',
    'col.question': 'Question',
    'col.followup': 'Follow-up',
    'col.request': 'Request',
    'col.actions': 'Actions',
    'overdue': 'late',
    'contact.title': 'Contact',
    'contact.register': 'Register a childcare request',
    'contact.close': 'Close the contact',
    'contact.has_request': 'Request {number} is registered.',
    'register.title': 'Register a request for a family',
    'register.intro': 'You register the request on the family’s behalf. Ask the parent’s consent first and tick it below.',
    'register.child': 'The child',
    'register.born': 'Is the child born?',
    'register.yes': 'Yes',
    'register.no': 'No, not yet',
    'register.child_given': 'Child’s first name (optional)',
    'register.child_family': 'Child’s last name',
    'register.birth_date': 'Date of birth (if the child is born)',
    'register.due_date': 'Expected due date (if the child is not born yet)',
    'register.child_insz': 'Child’s national number (optional)',
    'register.parent': 'The parent',
    'register.given': 'First name',
    'register.family': 'Last name',
    'register.email': 'E-mail address (optional)',
    'register.phone': 'Phone number (optional)',
    'register.parent_insz': 'Parent’s national number (optional)',
    'register.municipality': 'Municipality where the family lives',
    'register.street': 'Street and number (optional)',
    'register.postal': 'Postal code (optional)',
    'register.care': 'The care',
    'register.start': 'Desired start date',
    'register.flex': 'How many weeks later is also fine?',
    'register.days': 'Days',
    'register.locations': 'Chosen childcare locations, in order of preference',
    'register.choice': 'Choice {n}',
    'register.consent': 'Consent',
    'register.consent_yes': 'The parent consented to processing the request and passing it to the chosen childcare locations.',
    'register.submit': 'Register the request',
    'register.done': 'Request {number} is registered.',
    'register.existing': 'This child already has an open request: {number} at {desk}.',
    'part.none': 'no care',
    'part.full': 'whole day',
    'part.morning': 'morning',
    'part.afternoon': 'afternoon',
    'day.1': 'Monday',
    'day.2': 'Tuesday',
    'day.3': 'Wednesday',
    'day.4': 'Thursday',
    'day.5': 'Friday',
    'dup.title': 'Possible duplicates',
    'dup.intro': 'These children look alike. Compare them and merge them if they are the same child. The request registered first stays.',
    'dup.none': 'There are no possible duplicates.',
    'dup.pair': 'Possible duplicate {n}: {score}% alike',
    'dup.why': 'Why',
    'dup.field': 'Detail',
    'dup.a': 'Child A',
    'dup.b': 'Child B',
    'dup.name': 'Name',
    'dup.birth': 'Born or expected',
    'dup.insz': 'National number',
    'dup.parents': 'Parents',
    'dup.requests': 'Requests',
    'dup.keep_a': 'Merge, child A stays',
    'dup.keep_b': 'Merge, child B stays',
    'dup.different': 'Not a duplicate',
    'dup.merged': 'The children are merged.',
    'dup.dismissed': 'Marked as not a duplicate.',
    'dup.confirm': 'Are you sure this is the same child? A merge cannot be undone.',
    'dup.elsewhere': 'Known at {desks}. You do not see this child’s details.',
    'dup.proof_pending': 'To check: the details matched without proof. Call or e-mail the family before you merge.',
    'dup.cross_desk': 'This pair belongs to two desks. The children are merged only when both desks keep the same child.',
    'dup.awaiting': 'Your choice is saved. The other desk still has to agree.',
    'dup.other_agreed': 'The other desk already chose which child stays. Choose the same child to merge.',
    'follow.title': 'Follow-up',
    'follow.overdue': 'Childcare locations that have not answered yet (more than {days} days)',
    'follow.overdue_none': 'Every childcare location answered in time.',
    'follow.noplace': 'Families without a place, starting within {months} months',
    'follow.noplace_none': 'No families without a place within that time.',
    'col.organiser': 'Organiser',
    'col.location': 'Location',
    'col.number': 'Number',
    'col.registered': 'Registered on',
    'col.waiting': 'Days without an answer',
    'col.child': 'Child',
    'col.start': 'Desired start',
    'col.status': 'Status',
    'col.contact': 'Contact',
    'tile.contacts': '{n} open contact(s), {late} of them followed up late.',
    'tile.duplicates': '{n} possible duplicate(s) to check.',
    'tile.title': 'Desk',
  },
);

type T = Parameters<typeof tr>[1];

function contactForm(v: View, values: Record<string, string>, p: Problems): Html {
  return html`<form method="post" action="/werkplek/loket/contacten" novalidate>${csrfField(v)}
    ${choiceGroup({ name: 'channel', legend: tr(v.lang, 'field.channel'), type: 'radio', options: CONTACT_CHANNELS.map((c) => ({ value: c, label: tr(v.lang, `channel.${c}` as T) })), checked: [values.channel ?? ''], problems: p })}
    ${choiceGroup({ name: 'topic', legend: tr(v.lang, 'field.topic'), type: 'radio', options: CONTACT_TOPICS.map((c) => ({ value: c, label: tr(v.lang, `topic.${c}` as T) })), checked: [values.topic ?? ''], problems: p })}
    ${textareaField({ name: 'summary', label: tr(v.lang, 'field.summary'), value: values.summary ?? '', problems: p })}
    ${inputField({ name: 'contactName', label: tr(v.lang, 'field.contactName'), value: values.contactName ?? '', problems: p })}
    ${inputField({ name: 'followUp', label: tr(v.lang, 'field.followUp'), value: values.followUp ?? '', problems: p })}
    ${inputField({ name: 'followUpDue', label: tr(v.lang, 'field.followUpDue'), type: 'date', value: values.followUpDue ?? '', problems: p })}
    <div class="actions"><button type="submit">${tr(v.lang, 'contacts.new')}</button></div>
  </form>`;
}

async function contactsPage(ctx: AppContext, request: FastifyRequest, values: Record<string, string> = {}, p: Problems = {}, note: Html | null = null): Promise<string> {
  const actor = staffOf(request);
  const v = request.workspace.view;
  const rows = await listContacts(ctx, actor, 'open');
  return page(v, tr(v.lang, 'contacts.title'), html`${errorSummary(v, p)}<p>${tr(v.lang, 'contacts.intro')}</p>
    ${table(tr(v.lang, 'contacts.open'), [tr(v.lang, 'col.when'), tr(v.lang, 'col.channel'), tr(v.lang, 'col.topic'), tr(v.lang, 'col.question'), tr(v.lang, 'col.followup')],
      rows.map((c) => [
        c.createdAt.slice(0, 10),
        tr(v.lang, `channel.${c.channel}` as T),
        tr(v.lang, `topic.${c.topic}` as T),
        html`<a href="/werkplek/loket/contacten/${c.id}">${c.summary.length > 80 ? `${c.summary.slice(0, 80)}…` : c.summary}</a>`,
        c.followUpDue ? html`${c.followUpDue}${c.overdue ? html` <span class="overdue">(${tr(v.lang, 'overdue')})</span>` : ''}` : (c.followUp ?? ''),
      ]), { empty: tr(v.lang, 'contacts.none') })}
    <h2>${tr(v.lang, 'contacts.new')}</h2>
    ${contactForm(v, values, p)}`, { wide: true, notice: note });
}

const WEEKDAYS = [1, 2, 3, 4, 5] as const;

async function registerForm(ctx: AppContext, request: FastifyRequest, contactId: string, values: Record<string, string>, p: Problems): Promise<string> {
  const v = request.workspace.view;
  const actor = staffOf(request);
  const munis = await ctx.db.selectFrom('municipality').innerJoin('desk_municipality', 'desk_municipality.nis_code', 'municipality.nis_code').select(['municipality.nis_code', 'municipality.name']).orderBy('municipality.name').execute();
  const locations = await listLocations(ctx, actor);
  const locOptions: Array<[string, string]> = [['', '—'], ...locations.map((l) => [l.id, `${l.name} (${l.address.municipality})`] as [string, string])];
  const field = (name: string, label: T, type: 'text' | 'date' | 'email' | 'tel' | 'number' = 'text') => inputField({ name, label: tr(v.lang, label), type, value: values[name] ?? '', problems: p });
  return page(v, tr(v.lang, 'register.title'), html`${errorSummary(v, p)}<p>${tr(v.lang, 'register.intro')}</p>
    <form method="post" action="/werkplek/loket/contacten/${contactId}/aanvraag" novalidate>${csrfField(v)}
      <h2>${tr(v.lang, 'register.child')}</h2>
      ${choiceGroup({ name: 'born', legend: tr(v.lang, 'register.born'), type: 'radio', options: [{ value: 'yes', label: tr(v.lang, 'register.yes') }, { value: 'no', label: tr(v.lang, 'register.no') }], checked: [values.born ?? ''], problems: p })}
      ${field('child.givenName', 'register.child_given')}
      ${field('child.familyName', 'register.child_family')}
      ${field('child.birthDate', 'register.birth_date', 'date')}
      ${field('child.dueDate', 'register.due_date', 'date')}
      ${field('child.insz', 'register.child_insz')}
      <h2>${tr(v.lang, 'register.parent')}</h2>
      ${field('applicant.givenName', 'register.given')}
      ${field('applicant.familyName', 'register.family')}
      ${field('applicant.email', 'register.email', 'email')}
      ${field('applicant.phone', 'register.phone', 'tel')}
      ${field('applicant.insz', 'register.parent_insz')}
      ${selectField({ name: 'residence.municipalityNis', label: tr(v.lang, 'register.municipality'), value: values['residence.municipalityNis'] ?? '', options: [['', '—'], ...munis.map((m) => [m.nis_code, m.name] as [string, string])], problems: p })}
      ${field('residence.street', 'register.street')}
      ${field('residence.postalCode', 'register.postal')}
      <h2>${tr(v.lang, 'register.care')}</h2>
      ${field('desiredStartDate', 'register.start', 'date')}
      ${field('flexibilityWeeks', 'register.flex', 'number')}
      <div class="field${p.careDays ? ' has-error' : ''}" id="f-careDays" tabindex="-1"><fieldset><legend>${tr(v.lang, 'register.days')}</legend>
        ${p.careDays ? html`<p class="error-text" lang="${p.careDays.lang}">${p.careDays.text}</p>` : ''}
        <div class="days">${WEEKDAYS.map((d) => html`<div class="day"><label for="f-day${d}">${tr(v.lang, `day.${d}` as T)}</label>
          <select id="f-day${d}" name="day${d}">${(['', 'full', 'morning', 'afternoon'] as const).map((part) => html`<option value="${part}"${(values[`day${d}`] ?? '') === part ? html` selected` : ''}>${tr(v.lang, `part.${part || 'none'}` as T)}</option>`)}</select></div>`)}</div>
      </fieldset></div>
      <div class="field${p.locationIds ? ' has-error' : ''}" id="f-locationIds" tabindex="-1"><fieldset><legend>${tr(v.lang, 'register.locations')}</legend>
        ${p.locationIds ? html`<p class="error-text" lang="${p.locationIds.lang}">${p.locationIds.text}</p>` : ''}
        ${[1, 2, 3].map((n) => selectField({ name: `loc${n}`, label: tr(v.lang, 'register.choice', { n }), value: values[`loc${n}`] ?? '', options: locOptions, problems: p }))}
      </fieldset></div>
      ${choiceGroup({ name: 'consent', legend: tr(v.lang, 'register.consent'), type: 'checkbox', options: [{ value: 'yes', label: tr(v.lang, 'register.consent_yes') }], checked: values.consent ? ['yes'] : [], problems: p })}
      <div class="actions"><button type="submit">${tr(v.lang, 'register.submit')}</button><a href="/werkplek/loket/contacten/${contactId}">${tr(v.lang, 'contact.title')}</a></div>
    </form>`);
}

function registrationFrom(values: Record<string, string>): RegistrationInput {
  const opt = (k: string) => (values[k]?.trim() ? values[k]!.trim() : undefined);
  const born = values.born === 'yes';
  return {
    applicant: { givenName: values['applicant.givenName'] ?? '', familyName: values['applicant.familyName'] ?? '', ...(opt('applicant.email') ? { email: opt('applicant.email') } : {}), ...(opt('applicant.phone') ? { phone: opt('applicant.phone') } : {}), ...(opt('applicant.insz') ? { insz: opt('applicant.insz') } : {}) },
    residence: { municipalityNis: values['residence.municipalityNis'] ?? '', ...(opt('residence.street') ? { street: opt('residence.street') } : {}), ...(opt('residence.postalCode') ? { postalCode: opt('residence.postalCode') } : {}) },
    child: {
      familyName: values['child.familyName'] ?? '',
      ...(opt('child.givenName') ? { givenName: opt('child.givenName') } : {}),
      ...(born ? { birthDate: values['child.birthDate'] ?? '' } : { dueDate: values['child.dueDate'] ?? '' }),
      ...(born && opt('child.insz') ? { insz: opt('child.insz') } : {}),
    },
    desiredStartDate: values.desiredStartDate ?? '',
    flexibilityWeeks: Number(values.flexibilityWeeks || '0'),
    careDays: WEEKDAYS.filter((d) => values[`day${d}`]).map((d) => ({ weekday: d, part: values[`day${d}`] as 'full' })),
    locationIds: [values.loc1, values.loc2, values.loc3].filter((x): x is string => Boolean(x)),
    urgent: false,
    consent: { processing: values.consent === 'yes' },
  } as RegistrationInput;
}

/** Domain field names to form field names: the location list, the days and the consent are one group each. */
function formField(field: string): string {
  for (const group of ['locationIds', 'careDays', 'consent']) if (field.startsWith(group)) return group;
  return field;
}

function bodyValues(body: Body): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body ?? {})) if (k !== '_csrf') out[k] = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  return out;
}

async function duplicatesPage(ctx: AppContext, request: FastifyRequest, note: Html | null = null): Promise<string> {
  const actor = staffOf(request);
  const v = request.workspace.view;
  const list = await listDuplicates(ctx, actor, 'open');
  const side = (c: (typeof list)[number]['children'][number]) =>
    c.reachable
      ? {
          name: `${c.givenName ?? ''} ${c.familyName ?? ''}`.trim(),
          birth: c.birthDate ?? c.dueDate ?? '',
          insz: c.inszMasked ?? '–',
          parents: c.guardians.map((g) => `${g.givenName} ${g.familyName}${g.email ? ` (${g.email})` : ''}`).join(', '),
          requests: c.requests.map((r) => `${r.number} · ${r.status} · ${r.registeredOn} · ${r.desk}`).join('; '),
        }
      : { name: tr(v.lang, 'dup.elsewhere', { desks: c.knownAt.join(', ') }), birth: '–', insz: '–', parents: '–', requests: '–' };
  return page(v, tr(v.lang, 'dup.title'), html`<p>${tr(v.lang, 'dup.intro')}</p>
    ${list.length === 0 ? html`<p>${tr(v.lang, 'dup.none')}</p>` : ''}
    ${list.map((d, i) => {
      const [a, b] = [side(d.children[0]), side(d.children[1])];
      return html`<section class="card" aria-labelledby="dup-${d.id}">
        <h2 id="dup-${d.id}">${tr(v.lang, 'dup.pair', { n: i + 1, score: Math.round(d.score * 100) })}</h2>
        <p><strong>${tr(v.lang, 'dup.why')}:</strong> ${d.reasons.map((r) => say(v.lang, r)).join('; ')}</p>
        ${d.proofPending ? notice('info', tr(v.lang, 'dup.proof_pending')) : ''}
        ${d.crossDesk ? html`<p>${tr(v.lang, 'dup.cross_desk')}</p>` : ''}
        ${d.crossDesk && d.otherDeskAgreed ? html`<p>${tr(v.lang, 'dup.other_agreed')}</p>` : ''}
        ${table(tr(v.lang, 'dup.pair', { n: i + 1, score: Math.round(d.score * 100) }), [tr(v.lang, 'dup.field'), tr(v.lang, 'dup.a'), tr(v.lang, 'dup.b')], [
          [tr(v.lang, 'dup.name'), a.name, b.name],
          [tr(v.lang, 'dup.birth'), a.birth, b.birth],
          [tr(v.lang, 'dup.insz'), a.insz, b.insz],
          [tr(v.lang, 'dup.parents'), a.parents, b.parents],
          [tr(v.lang, 'dup.requests'), a.requests, b.requests],
        ])}
        <div class="actions">
          ${actionButton(v, `/werkplek/loket/dubbels/${d.id}/samenvoegen`, tr(v.lang, 'dup.keep_a'), { keep: d.children[0].id }, { confirm: tr(v.lang, 'dup.confirm'), context: a.name })}
          ${actionButton(v, `/werkplek/loket/dubbels/${d.id}/samenvoegen`, tr(v.lang, 'dup.keep_b'), { keep: d.children[1].id }, { confirm: tr(v.lang, 'dup.confirm'), context: b.name })}
          ${actionButton(v, `/werkplek/loket/dubbels/${d.id}/geen-dubbel`, tr(v.lang, 'dup.different'), {}, { secondary: true, context: `${a.name} – ${b.name}` })}
        </div>
      </section>`;
    })}`, { wide: true, notice: note });
}

export function registerDeskPages(area: App, ctx: AppContext): void {
  addMenu({ href: '/werkplek/loket/contacten', label: { nl: tr('nl', 'menu.contacts'), en: tr('en', 'menu.contacts') }, roles: DESK_ROLES, order: 10 });
  addMenu({ href: '/werkplek/loket/dubbels', label: { nl: tr('nl', 'menu.duplicates'), en: tr('en', 'menu.duplicates') }, roles: DESK_ROLES, order: 20 });
  addMenu({ href: '/werkplek/loket/opvolging', label: { nl: tr('nl', 'menu.followup'), en: tr('en', 'menu.followup') }, roles: DESK_ROLES, order: 30 });
  addTile({
    roles: DESK_ROLES,
    async render(c, actor, v) {
      if (!actor.deskId) return null;
      const contacts = await listContacts(c, actor, 'open');
      const dups = await listDuplicates(c, actor, 'open');
      return html`<section class="card"><h2>${tr(v.lang, 'tile.title')}</h2>
        <p><a href="/werkplek/loket/contacten">${tr(v.lang, 'tile.contacts', { n: contacts.length, late: contacts.filter((x) => x.overdue).length })}</a></p>
        <p><a href="/werkplek/loket/dubbels">${tr(v.lang, 'tile.duplicates', { n: dups.length })}</a></p></section>`;
    },
  });

  const opts = (action: 'contact.read' | 'contact.record' | 'request.register' | 'duplicate.read' | 'duplicate.resolve' | 'followup.read') => ({ config: { action }, schema: { hide: true } });

  area.get('/loket/contacten', opts('contact.read'), async (request, reply) => send(reply, await contactsPage(ctx, request)));
  area.post('/loket/contacten', opts('contact.record'), async (request, reply) => {
    const values = bodyValues(request.body as Body);
    try {
      const { id } = await recordContact(ctx, staffOf(request), { channel: values.channel ?? '', topic: values.topic ?? '', summary: values.summary ?? '', contactName: values.contactName, followUp: values.followUp, followUpDue: values.followUpDue });
      return reply.redirect(`/werkplek/loket/contacten/${id}?bewaard=1`, 303);
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      return send(reply, await contactsPage(ctx, request, values, problemsFrom(request.workspace.view.lang, err.details)), 400);
    }
  });
  area.get('/loket/contacten/:id', opts('contact.read'), async (request, reply) => {
    const actor = staffOf(request);
    const v = request.workspace.view;
    const c = await getContact(ctx, actor, (request.params as { id: string }).id);
    const number = c.requestId ? (await ctx.db.selectFrom('request').select('number').where('id', '=', c.requestId).executeTakeFirst())?.number : null;
    const q = request.query as Record<string, string>;
    return send(reply, page(v, tr(v.lang, 'contact.title'), html`
      <dl class="facts">
        <dt>${tr(v.lang, 'col.channel')}</dt><dd>${tr(v.lang, `channel.${c.channel}` as T)}</dd>
        <dt>${tr(v.lang, 'col.topic')}</dt><dd>${tr(v.lang, `topic.${c.topic}` as T)}</dd>
        <dt>${tr(v.lang, 'col.question')}</dt><dd>${c.summary}</dd>
        ${c.contactName ? html`<dt>${tr(v.lang, 'col.contact')}</dt><dd>${c.contactName}</dd>` : ''}
        ${c.followUp || c.followUpDue ? html`<dt>${tr(v.lang, 'col.followup')}</dt><dd>${c.followUp ?? ''} ${c.followUpDue ?? ''}</dd>` : ''}
        <dt>${tr(v.lang, 'col.status')}</dt><dd>${c.status}</dd>
      </dl>
      ${number ? notice('ok', tr(v.lang, 'contact.has_request', { number })) : ''}
      <div class="actions">
        ${c.topic === 'childcare' && !c.requestId ? html`<a class="button" href="/werkplek/loket/contacten/${c.id}/aanvraag">${tr(v.lang, 'contact.register')}</a>` : ''}
        ${c.status === 'open' ? actionButton(v, `/werkplek/loket/contacten/${c.id}/afsluiten`, tr(v.lang, 'contact.close'), {}, { secondary: true }) : ''}
      </div>`, { notice: q.bewaard ? notice('ok', tr(v.lang, 'contacts.saved')) : q.aanvraag ? notice('ok', tr(v.lang, 'register.done', { number: q.aanvraag })) : null }));
  });
  area.post('/loket/contacten/:id/afsluiten', opts('contact.record'), async (request, reply) => {
    await closeContact(ctx, staffOf(request), (request.params as { id: string }).id);
    return send(reply, await contactsPage(ctx, request, {}, {}, notice('ok', tr(request.workspace.view.lang, 'contacts.closed'))));
  });
  area.get('/loket/contacten/:id/aanvraag', opts('request.register'), async (request, reply) => {
    const id = (request.params as { id: string }).id;
    const c = await getContact(ctx, staffOf(request), id);
    return send(reply, await registerForm(ctx, request, c.id, { 'applicant.givenName': c.contactName?.split(' ')[0] ?? '', 'applicant.familyName': c.contactName?.split(' ').slice(1).join(' ') ?? '', flexibilityWeeks: '0' }, {}));
  });
  area.post('/loket/contacten/:id/aanvraag', opts('request.register'), async (request, reply) => {
    const id = (request.params as { id: string }).id;
    const v = request.workspace.view;
    const values = bodyValues(request.body as Body);
    if (values.born !== 'yes' && values.born !== 'no') {
      return send(reply, await registerForm(ctx, request, id, values, problemsFrom(v.lang, [{ field: 'born', code: 'required', nl: 'Kies of het kind al geboren is.', en: 'Choose whether the child is born.' }])), 400);
    }
    if (values.consent !== 'yes') {
      return send(reply, await registerForm(ctx, request, id, values, problemsFrom(v.lang, [{ field: 'consent', code: 'consent.required', nl: 'Zonder toestemming van de ouder kan u de aanvraag niet registreren.', en: 'Without the parent’s consent you cannot register the request.' }])), 400);
    }
    try {
      const r = await registerFromContact(ctx, staffOf(request), id, registrationFrom(values));
      if (!r.request) {
        const text = r.existing ? tr(v.lang, 'register.existing', { number: r.existing.number, desk: r.existing.deskName }) : say(v.lang, r.message ?? { nl: '', en: '' });
        return send(reply, page(v, tr(v.lang, 'register.title'), notice('info', text)), 409);
      }
      return reply.redirect(`/werkplek/loket/contacten/${id}?aanvraag=${encodeURIComponent(r.request.number)}`, 303);
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      return send(reply, await registerForm(ctx, request, id, values, problemsFrom(v.lang, err.details, {}, formField)), 400);
    }
  });

  area.get('/loket/dubbels', opts('duplicate.read'), async (request, reply) => send(reply, await duplicatesPage(ctx, request)));
  area.post('/loket/dubbels/:id/samenvoegen', opts('duplicate.resolve'), async (request, reply) => {
    const r = await mergeDuplicate(ctx, staffOf(request), (request.params as { id: string }).id, one(request.body as Body, 'keep'));
    return send(reply, await duplicatesPage(ctx, request, notice('ok', tr(request.workspace.view.lang, r.status === 'merged' ? 'dup.merged' : 'dup.awaiting'))));
  });
  area.post('/loket/dubbels/:id/geen-dubbel', opts('duplicate.resolve'), async (request, reply) => {
    await dismissDuplicate(ctx, staffOf(request), (request.params as { id: string }).id);
    return send(reply, await duplicatesPage(ctx, request, notice('ok', tr(request.workspace.view.lang, 'dup.dismissed'))));
  });

  area.get('/loket/opvolging', opts('followup.read'), async (request, reply) => {
    const actor = staffOf(request);
    const v = request.workspace.view;
    const overdue = await overdueResponses(ctx, actor);
    const none = await noPlaceYet(ctx, actor);
    return send(reply, page(v, tr(v.lang, 'follow.title'), html`${downloadLinks(v, 'requests', '/werkplek/export/aanvragen')}
      ${table(tr(v.lang, 'follow.overdue', { days: overdue.responseDays }), [tr(v.lang, 'col.organiser'), tr(v.lang, 'col.location'), tr(v.lang, 'col.number'), tr(v.lang, 'col.registered'), tr(v.lang, 'col.waiting')],
        overdue.rows.map((r) => [r.organiser, r.location, r.number, r.registeredOn, html`<span class="overdue">${r.daysWaiting}</span>`]), { empty: tr(v.lang, 'follow.overdue_none') })}
      ${table(tr(v.lang, 'follow.noplace', { months: none.warningMonths }), [tr(v.lang, 'col.number'), tr(v.lang, 'col.child'), tr(v.lang, 'col.start'), tr(v.lang, 'col.status'), tr(v.lang, 'col.contact')],
        none.rows.map((r) => [r.number, r.child, r.desiredStartDate, r.status, [r.phone, r.email].filter(Boolean).join(' · ')]), { empty: tr(v.lang, 'follow.noplace_none') })}`, { wide: true }));
  });
}
