// Server-rendered SVG charts, each with a data table beside it so that screen readers and printouts get the same numbers.
import { html, type Html } from './html.ts';

export interface Series {
  label: string;
  values: number[];
  /** Fill colour; the palette has enough contrast against white (WCAG 1.4.11). */
  colour: string;
}

const NUMBER = new Intl.NumberFormat('nl-BE');
export const PALETTE = ['#1f5f8b', '#b54708', '#2e7d32', '#6a1b9a'];

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

/** Horizontal bars: one per category, labelled, readable on a phone (the SVG scales to the width). */
export function barChart(title: string, unit: string, bars: ReadonlyArray<{ label: string; value: number }>): Html {
  const id = nextId('chart');
  const rowH = 26;
  const labelW = 170;
  const width = 560;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(1, bars.length) * rowH + 8;
  const scale = (v: number) => ((width - labelW - 60) * v) / max;
  const rows = bars.map(
    (b, i) => html`<g transform="translate(0,${i * rowH + 4})">
      <text x="${labelW - 6}" y="${rowH / 2 + 4}" text-anchor="end" font-size="13">${truncate(b.label, 24)}</text>
      <rect x="${labelW}" y="3" width="${scale(b.value).toFixed(1)}" height="${rowH - 8}" fill="${PALETTE[0]}"></rect>
      <text x="${(labelW + scale(b.value) + 6).toFixed(1)}" y="${rowH / 2 + 4}" font-size="13">${NUMBER.format(b.value)}</text>
    </g>`,
  );
  return html`<figure class="chart" aria-labelledby="${id}-cap">
    <figcaption id="${id}-cap">${title}</figcaption>
    <svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-cap" focusable="false">${bars.length ? rows : html`<text x="10" y="20" font-size="13">Geen gegevens</text>`}</svg>
    ${dataTable(title, ['', unit], bars.map((b) => [b.label, b.value]))}
  </figure>`;
}

/** Grouped columns over time (months or years), with a legend; several series side by side. */
export function columnChart(title: string, categories: readonly string[], series: readonly Series[]): Html {
  const id = nextId('chart');
  const width = 560;
  const height = 240;
  const left = 40;
  const bottom = 40;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const band = (width - left - 10) / Math.max(1, categories.length);
  const barW = Math.max(2, (band - 6) / Math.max(1, series.length));
  const y = (v: number) => height - bottom - ((height - bottom - 30) * v) / max;
  const cols = categories.map((c, i) =>
    html`<g>${series.map((s, j) => {
      const v = s.values[i] ?? 0;
      return html`<rect x="${(left + i * band + 3 + j * barW).toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${(height - bottom - y(v)).toFixed(1)}" fill="${s.colour}"></rect>`;
    })}<text x="${(left + i * band + band / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="11">${c}</text></g>`,
  );
  const legend = series.map((s, j) => html`<g transform="translate(${left + j * 200},6)"><rect width="12" height="12" fill="${s.colour}"></rect><text x="18" y="11" font-size="12">${s.label}</text></g>`);
  return html`<figure class="chart" aria-labelledby="${id}-cap">
    <figcaption id="${id}-cap">${title}</figcaption>
    <svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-cap" focusable="false">
      <line x1="${left}" y1="${height - bottom}" x2="${width - 5}" y2="${height - bottom}" stroke="#444"></line>
      <text x="${left - 4}" y="${y(max) + 4}" text-anchor="end" font-size="11">${NUMBER.format(max)}</text>
      ${legend}${cols}
    </svg>
    ${dataTable(title, ['', ...series.map((s) => s.label)], categories.map((c, i) => [c, ...series.map((s) => s.values[i] ?? 0)]))}
  </figure>`;
}

export function dataTable(caption: string, header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): Html {
  return html`<table class="data">
    <caption>${caption}: tabel</caption>
    <thead><tr>${header.map((h, i) => (i === 0 ? html`<th scope="col">${h || 'Categorie'}</th>` : html`<th scope="col">${h}</th>`))}</tr></thead>
    <tbody>${rows.map((r) => html`<tr>${r.map((c, i) => (i === 0 ? html`<th scope="row">${c}</th>` : html`<td>${typeof c === 'number' ? NUMBER.format(c) : c}</td>`))}</tr>`)}</tbody>
  </table>`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
