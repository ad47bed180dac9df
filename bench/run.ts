// `npm run bench`: runs every benchmark, prints a table per suite and writes bench/results/<suite>.json.
import { benchCandidates } from './candidates.ts';
import { benchMatching } from './matching.ts';
import { benchOffers } from './offers.ts';
import { benchIntegration } from './integration.ts';
import { benchRegistration } from './registration.ts';
import { benchReporting } from './reporting.ts';
import { benchImport } from './import.ts';
import { benchPageWeight } from './page-weight.ts';
import { benchLoad } from './load.ts';
import { printTable, writeResult, type Figure } from './lib.ts';

const suites: Array<[string, string, () => Promise<Figure[]>]> = [
  ['registration', 'Registration throughput (PostgreSQL)', benchRegistration],
  ['candidates', 'Candidate lists and rule evaluation (PostgreSQL)', benchCandidates],
  ['matching', 'Matching engine (deferred acceptance)', benchMatching],
  ['offers', 'Offers under contention (PostgreSQL)', benchOffers],
  ['reporting', 'Dashboard and yearly figures over 1,000,000 historical requests (PostgreSQL)', benchReporting],
  ['integration', 'Integration API: bulk capacity and the event feed (PostgreSQL)', benchIntegration],
  ['import', 'Waiting-list import of the 5,000-row sample (PostgreSQL)', benchImport],
  ['page-weight', 'Parent portal: weight of each page on a first visit (HTML + CSS + JS, gzip)', benchPageWeight],
  ['load', 'Load: parent portal, provider and desk calls mixed, 200 users with think time and without pauses (PostgreSQL)', benchLoad],
];
const only = process.argv[2];
let failed = false;
for (const [id, title, run] of suites) {
  if (only && only !== id) continue;
  try {
    const figures = await run();
    printTable(title, figures);
    console.log(`→ ${writeResult(id, figures)}`);
  } catch (err) {
    failed = true;
    console.error(`${title}: could not run: ${err instanceof Error ? err.message : err}`);
    writeResult(id, [], { error: String(err) });
  }
}
process.exit(failed ? 1 : 0);
