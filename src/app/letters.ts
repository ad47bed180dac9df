// Printed letters and the proof of registration as PDF, for families who read paper rather than mail.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { sql } from 'kysely';
import { render } from './mail-templates.ts';
import { audit, runUseCase, type AppContext, type Tx } from './context.ts';
import type { Actor } from './permissions.ts';
import { requestScope } from './scopes.ts';
import { notFound } from '../domain/errors.ts';
import { FAMILY_TOPICS } from '../jobs/outbox-mail.ts';

/** The standard PDF fonts know Western European characters only; others print as '?' rather than failing. */
export function winAnsi(text: string): string {
  return text.normalize('NFC').replace(/[^\x20-\x7E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u20AC]/g, '?');
}

function writer(page: PDFPage, font: PDFFont, bold: PDFFont) {
  let y = 780;
  return (text: string, strong = false, size = 11) => {
    for (const chunk of winAnsi(text).match(/.{1,88}(\s|$)|\S+/g) ?? ['']) {
      page.drawText(chunk.trim(), { x: 56, y, size, font: strong ? bold : font, color: rgb(0.1, 0.1, 0.1) });
      y -= size + 7;
    }
  };
}

export interface ProofFacts {
  requestNumber: string;
  registeredOn: string;
  child: string;
  desiredStartDate: string;
  locations: string[];
  desk: string;
}

/** What the proof of registration shows, read from the database. */
export async function proofFacts(tx: Tx, requestId: string): Promise<ProofFacts | null> {
  const r = await tx
    .selectFrom('request')
    .innerJoin('child', 'child.id', 'request.child_id')
    .innerJoin('desk', 'desk.id', 'request.desk_id')
    .select(['request.number', 'request.registered_on', 'request.desired_start_date', 'child.given_name', 'child.family_name', 'child.due_date', 'child.birth_date', 'desk.name as desk'])
    .where('request.id', '=', requestId)
    .executeTakeFirst();
  if (!r) return null;
  const locations = await tx.selectFrom('request_location').innerJoin('location', 'location.id', 'request_location.location_id').select('location.name').where('request_id', '=', requestId).orderBy('rank').execute();
  const child = r.birth_date ? `${r.given_name ?? ''} ${r.family_name}, geboren ${r.birth_date}`.trim() : `${r.family_name}, verwacht ${r.due_date}`;
  return { requestNumber: r.number, registeredOn: r.registered_on, child, desiredStartDate: r.desired_start_date, locations: locations.map((l) => l.name), desk: r.desk };
}

/** The proof of registration: number, date, child, start and ranked locations. */
export async function proofOfRegistration(f: ProofFacts): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Bewijs van inschrijving ${f.requestNumber}`);
  pdf.setLanguage('nl-BE');
  const page = pdf.addPage([595, 842]);
  const line = writer(page, await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold));
  line('Bewijs van inschrijving voor kinderopvang', true, 16);
  line('Proof of registration for childcare', false, 11);
  line('');
  line(`Nummer / number: ${f.requestNumber}`, true);
  line(`Ingeschreven op / registered on: ${f.registeredOn}`);
  line(`Kind / child: ${f.child}`);
  line(`Gewenste start / desired start: ${f.desiredStartDate}`);
  line('Uw keuzes, in volgorde / your choices, in order:');
  f.locations.forEach((l, i) => line(`  ${i + 1}. ${l}`));
  line('');
  line(`${f.desk} bewaart uw aanvraag. Uw inschrijvingsdatum telt voor de volgorde.`, false, 10);
  return pdf.save();
}

/**
 * The letters the desk still has to print: family mail for families without an e-mail address, one page each,
 * in the family's language where the standard fonts allow it (Dutch otherwise). Printing marks them as sent.
 */
export async function printLetters(ctx: AppContext, actor: Actor): Promise<{ count: number; pdf: Uint8Array | null }> {
  const rows = await runUseCase(ctx, actor, 'followup.read', async (tx) => {
    const r = await sql<{ id: string; topic: string; payload: Record<string, string>; language: string; name: string; street: string | null; postal_code: string | null; municipality: string; child_id: string | null }>`
      select o.id, o.topic, o.payload, g.preferred_language as language, g.given_name || ' ' || g.family_name as name, f.street, f.postal_code, m.name as municipality, null as child_id
      from outbox o join guardian g on g.id = (o.recipient->>'guardianId')::uuid join family f on f.id = g.family_id join municipality m on m.nis_code = f.municipality_nis
      join desk_municipality dm on dm.nis_code = f.municipality_nis
      where o.sent_at is null and g.email is null and dm.desk_id = ${actor.deskId ?? '00000000-0000-0000-0000-000000000000'}
        and o.topic in (${sql.join(FAMILY_TOPICS)})
      order by o.id for update of o skip locked`.execute(tx);
    if (r.rows.length) {
      await tx.updateTable('outbox').set({ sent_at: ctx.now(), last_error: 'printed letter' }).where('id', 'in', r.rows.map((x) => x.id)).execute();
      await audit(tx, actor, 'letters.print', []);
    }
    return r.rows;
  });
  if (rows.length === 0) return { count: 0, pdf: null };
  const pdf = await PDFDocument.create();
  pdf.setTitle('Brieven voor gezinnen zonder e-mail');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  for (const r of rows) {
    const page = pdf.addPage([595, 842]);
    const line = writer(page, font, bold);
    // Arabic needs a font the standard set does not have: those letters are printed in Dutch.
    const language = r.language === 'ar' ? 'nl' : r.language;
    const mail = render(r.topic, language, { requestNumber: r.payload.requestNumber ?? '', location: r.payload.location, start: r.payload.start, deadline: r.payload.deadline?.slice(0, 10) });
    line(r.name, true);
    if (r.street) line(r.street);
    line(`${r.postal_code ?? ''} ${r.municipality}`.trim());
    line('');
    line(mail.subject, true, 13);
    for (const p of mail.text.split('\n')) line(p);
  }
  return { count: rows.length, pdf: await pdf.save() };
}

export async function proofForRequest(ctx: AppContext, actor: Actor, requestId: string): Promise<Uint8Array> {
  const facts = await runUseCase(ctx, actor, 'request.read', async (tx) => {
    const visible = await tx.selectFrom('request').select(['id', 'child_id']).where('id', '=', requestId).where(requestScope(actor)).executeTakeFirst();
    if (!visible) throw notFound({ nl: 'Deze aanvraag', en: 'This request' });
    await audit(tx, actor, 'request.proof', [visible.child_id]);
    return proofFacts(tx, requestId);
  });
  return proofOfRegistration(facts as ProofFacts);
}
