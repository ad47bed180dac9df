// Worker thread that reads, maps and checks an uploaded waiting list, so a big file never stalls the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../../domain/errors.ts';
import { checkOne, MAX_REPORTED_PROBLEMS, type ParseInput, type ParseMessage } from './parse.ts';

const post = (m: ParseMessage) => parentPort?.postMessage(m);
const input = workerData as ParseInput;
try {
  const r = await checkOne(input);
  const { rows, problems, ...head } = r;
  // Every problem line is listed, but the texts only for the first ones: a file of 50,000 bad rows would otherwise
  // answer with tens of megabytes of report that nobody reads past the first page.
  post({ t: 'head', ...head, problems: problems.slice(0, MAX_REPORTED_PROBLEMS), problemsOmitted: Math.max(0, problems.length - MAX_REPORTED_PROBLEMS), fingerprints: rows.map((x) => x.fingerprint), sample: rows.slice(0, 10) });
  // Rows go in slices: one huge message would be deserialised on the server's thread in one go.
  if (input.want === 'rows') for (let i = 0; i < rows.length; i += 500) post({ t: 'rows', rows: rows.slice(i, i + 500) });
  post({ t: 'done' });
} catch (e) {
  if (e instanceof UserError) post({ t: 'user_error', error: { kind: e.kind, code: e.code, field: e.field, nl: e.nl, en: e.en, details: e.details } });
  else post({ t: 'crash', message: e instanceof Error ? e.message : String(e) });
}
