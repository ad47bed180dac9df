// Finding childcare locations for the portal: by municipality, type and subsidy step, by distance from home, and
// whether a place for the family's days is free around its start date.
import { addMonths, isCalendarDate, type CalendarDate } from '../../domain/dates.ts';
import { fits, freeSeats, halvesOf } from '../../domain/capacity/timeline.ts';
import type { CareDay } from '../../domain/requests/registration.ts';
import { loadCapacity } from '../capacity.ts';
import { runUseCase, type AppContext } from '../context.ts';
import type { Actor } from '../permissions.ts';

export interface LocationSearch {
  municipalityNis?: string;
  type?: string;
  subsidyStep?: string;
  /** Distance is measured from the centre of this municipality (the family's home municipality). */
  fromMunicipalityNis?: string;
  /** With start and days: only locations with a free place for those days during the first 3 months. */
  start?: CalendarDate;
  careDays?: CareDay[];
  onlyFree?: boolean;
  sort?: 'name' | 'distance';
}

export interface FoundLocation {
  id: string;
  name: string;
  street: string;
  postalCode: string;
  municipality: string;
  type: string;
  subsidyStep: string;
  /** Kilometres as the crow flies; null when coordinates are missing. */
  distanceKm: number | null;
  /** Free for the family's days in the first 3 months from its start; null when start or days are not known. */
  freeForYou: boolean | null;
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export async function searchLocations(ctx: AppContext, actor: Actor, s: LocationSearch): Promise<FoundLocation[]> {
  return runUseCase(ctx, actor, 'public.read', async (tx) => {
    let q = tx
      .selectFrom('location')
      .innerJoin('municipality', 'municipality.nis_code', 'location.municipality_nis')
      .select(['location.id', 'location.name', 'location.street', 'location.postal_code', 'location.type', 'location.subsidy_step', 'location.latitude', 'location.longitude', 'municipality.name as municipality', 'municipality.latitude as m_lat', 'municipality.longitude as m_lon'])
      // Locations in municipalities that have a desk on Nabij: a request elsewhere could not be handled.
      .where('location.municipality_nis', 'in', (eb) => eb.selectFrom('desk_municipality').select('nis_code'));
    if (s.municipalityNis) q = q.where('location.municipality_nis', '=', s.municipalityNis);
    if (s.type) q = q.where('location.type', '=', s.type as 'group');
    if (s.subsidyStep) q = q.where('location.subsidy_step', '=', s.subsidyStep as 'T0');
    const rows = await q.orderBy('location.name').execute();
    const home = s.fromMunicipalityNis ? await tx.selectFrom('municipality').select(['latitude', 'longitude']).where('nis_code', '=', s.fromMunicipalityNis).executeTakeFirst() : undefined;
    const start = s.start && isCalendarDate(s.start) ? s.start : null;
    const pattern = s.careDays?.length ? halvesOf(s.careDays) : null;
    const out: FoundLocation[] = [];
    for (const r of rows) {
      const lat = r.latitude ?? r.m_lat;
      const lon = r.longitude ?? r.m_lon;
      const distance = home?.latitude != null && home.longitude != null && lat != null && lon != null ? Math.round(distanceKm({ lat: home.latitude, lon: home.longitude }, { lat, lon }) * 10) / 10 : null;
      let freeForYou: boolean | null = null;
      if (start && pattern) {
        const end = addMonths(start, 3);
        const c = await loadCapacity(tx, r.id, start, end);
        freeForYou = fits(freeSeats(start, end, c.changes, c.occupations), pattern);
      }
      if (s.onlyFree && freeForYou === false) continue;
      out.push({ id: r.id, name: r.name, street: r.street, postalCode: r.postal_code, municipality: r.municipality, type: r.type, subsidyStep: r.subsidy_step, distanceKm: distance, freeForYou });
    }
    if (s.sort === 'distance') out.sort((a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || a.name.localeCompare(b.name));
    return out;
  });
}
