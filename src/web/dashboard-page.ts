// The real-demand dashboard as one server-rendered page: charts in SVG, each with its table, in plain Dutch.
import type { Dashboard } from '../app/dashboard.ts';
import { barChart, columnChart, dataTable, PALETTE } from './charts.ts';
import { html, type Html } from './html.ts';
import { page } from './layout.ts';

export interface DeviationRow {
  organiser: string;
  location: string;
  deviations: number;
  allowed: number;
  advisers: string[];
}

/** The dashboard's content, for its own page and for the workspace. */
export function dashboardBody(d: Dashboard, deviations: { year: number; locations: DeviationRow[] } | null): Html {
  return html`
    <p class="summary">Op ${d.today} wachten <strong>${d.openChildren}</strong> kinderen op een plaats in de kinderopvang. Elk kind telt één keer, ook als het gezin meer dan één vraag heeft.</p>
    <h2>Wie wacht er?</h2>
    <div class="grid">
      ${barChart('Kinderen per gewenste startmaand', 'kinderen', d.byStartMonth)}
      ${barChart('Kinderen per leeftijd bij de start', 'kinderen', d.byAgeAtStart)}
      ${barChart('Kinderen per woonplaats', 'kinderen', d.byResidence)}
      ${barChart('Kinderen per gemeente van de gekozen opvang', 'kinderen', d.byChosenMunicipality)}
      ${barChart('Kinderen per aantal opvangdagen per week', 'kinderen', d.byDaysPerWeek)}
      ${barChart('Kinderen per voorrangsgroep', 'kinderen', d.byPriorityGroup)}
    </div>
    <h2>Vraag en vrije plaatsen, de komende 12 maanden</h2>
    <p>Wachtende kinderen: kinderen zonder plaats die tegen die maand willen starten en nog geen 2,5 jaar zijn. Vrije plaatsen: voltijdse plaatsen die nog niet ingenomen zijn.</p>
    ${columnChart('Wachtende kinderen en vrije plaatsen per maand', d.demandVsSupply.map((x) => x.month), [
      { label: 'wachtende kinderen', values: d.demandVsSupply.map((x) => x.waitingChildren), colour: PALETTE[1]! },
      { label: 'vrije plaatsen (voltijds)', values: d.demandVsSupply.map((x) => x.freePlaces), colour: PALETTE[0]! },
    ])}
    <h2>Plaatsen per 100 kinderen</h2>
    ${d.placesPer100.length
      ? html`<p>Kinderen jonger dan 2,5 jaar, geschat uit de geboortes van de voorbije drie jaar.</p>${barChart('Plaatsen per 100 kinderen per gemeente', 'plaatsen per 100 kinderen', d.placesPer100.map((p) => ({ label: p.name, value: p.per100 })))}`
      : html`<p>Er zijn nog geen geboortecijfers geladen. Een analist kan ze laden; dan verschijnt hier het aantal plaatsen per 100 kinderen.</p>`}
    <h2>Verloop over de jaren</h2>
    ${columnChart('Vragen per jaar van inschrijving', d.trends.map((t) => String(t.year)), [
      { label: 'ingeschreven', values: d.trends.map((t) => t.registered), colour: PALETTE[0]! },
      { label: 'onbeantwoord', values: d.trends.map((t) => t.unanswered), colour: PALETTE[1]! },
      { label: 'unieke kinderen', values: d.trends.map((t) => t.uniqueChildren), colour: PALETTE[2]! },
    ])}
    ${deviations
      ? html`<h2>Afwijkingen van de voorrangsregels in ${deviations.year}</h2>
        ${dataTable(
          `Afwijkingen per opvanglocatie in ${deviations.year}`,
          ['Locatie', 'Organisator', 'Gebruikt', 'Toegelaten', 'Adviseurs'],
          deviations.locations.map((l) => [l.location, l.organiser, l.deviations, l.allowed, l.advisers.join(', ') || '–']),
        )}`
      : ''}`;
}

export function dashboardPage(d: Dashboard, deviations: { year: number; locations: DeviationRow[] } | null): string {
  return page({ lang: 'nl', title: 'Echte vraag naar kinderopvang', body: dashboardBody(d, deviations) });
}
