// Uploads that cannot hurt the instance: a 15 MB CSV is refused before it is read, zip bombs are refused from the
// central directory (or when an entry inflates past what it declares), the largest allowed file is parsed in a
// worker, and meanwhile /health answers in time and the process's memory stays bounded. No body is a 400.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { crc32, createDeflateRaw } from 'node:zlib';
import { buildServer, type App } from '../../src/http/server.ts';
import { buildWorld, type World } from '../support/fixtures.ts';
import { flavours, type TestDb } from '../support/db.ts';
import { parseCsv, parseCsvRecords } from '../../src/domain/import/csv.ts';
import { inspectZip } from '../../src/domain/import/zip.ts';
import { ZIP_LIMITS } from '../../src/app/import/read.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 1_048_576;

/** Raw-deflates `size` bytes of one repeated letter, a megabyte at a time, so the test never holds the big form. */
async function deflated(size: number): Promise<Buffer> {
  const d = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const chunk = Buffer.alloc(MB, 'a');
  for (let left = size; left > 0; left -= MB) if (!d.write(left >= MB ? chunk : chunk.subarray(0, left))) await new Promise((r) => d.once('drain', r));
  await new Promise((r) => d.end(r));
  return Buffer.concat(out);
}

/** A zip with the given entries; `declared` overrides the uncompressed size the headers state (a lying archive). */
function zip(entries: Array<{ name: string; data: Buffer; size: number; crc: number; declared?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const size = e.declared ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

async function bomb(size: number, declared?: number): Promise<Buffer> {
  const data = await deflated(size);
  // The CRC does not matter: the guard refuses before anything is checked against it.
  return zip([{ name: 'xl/worksheets/sheet1.xml', data, size, crc: crc32(''), ...(declared !== undefined ? { declared } : {}) }]);
}

/** The fixture's rows repeated up to just under `bytes`: the largest CSV a desk may upload. */
function bigCsv(bytes: number): Buffer {
  const text = readFileSync(new URL('../fixtures/import/wachtlijst-5000.csv', import.meta.url), 'utf8');
  const [head, ...rows] = text.split(/\r?\n/).filter(Boolean);
  const lines = [head as string];
  let size = Buffer.byteLength(`${head}\r\n`);
  for (let i = 0; ; i++) {
    const line = rows[i % rows.length] as string;
    const n = Buffer.byteLength(`${line}\r\n`);
    if (size + n > bytes) break;
    lines.push(line);
    size += n;
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}

for (const flavour of flavours()) {
  describe(`upload limits on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    let app: App;
    let port = 0;
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });

    const call = (method: string, path: string, body?: Buffer, type?: string): Promise<{ status: number; body: string }> =>
      new Promise((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method, path, agent, headers: { authorization: `Bearer ${w.tokens.coordA}`, ...(type ? { 'content-type': type } : {}), ...(body ? { 'content-length': body.length } : {}) } }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
        });
        // The server may answer 413 and close before the whole body is sent.
        req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? resolve({ status: -1, body: '' }) : reject(e)));
        req.end(body);
      });

    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
      app = await buildServer(t.ctx);
      await app.listen({ port: 0, host: '127.0.0.1' });
      port = (app.server.address() as AddressInfo).port;
    });
    after(async () => {
      agent.destroy();
      await app.close();
      await t.close();
    });

    it('POST /imports and /imports/preview with no body answer 400 naming the file, in Dutch and English', async () => {
      for (const path of ['/api/v1/imports', '/api/v1/imports/preview']) {
        for (const type of [undefined, 'application/json', 'text/csv']) {
          const r = await call('POST', path, undefined, type);
          assert.equal(r.status, 400, `${path} ${type}: ${r.body}`);
          const e = JSON.parse(r.body).error;
          assert.ok(['file', 'contentBase64'].includes(e.field), `${path} ${type}: ${r.body}`);
          assert.ok(e.nl && e.en);
        }
      }
    });

    // The target is /health p99 < 100 ms (met on a quiet machine: 9–63 ms, docs/security.md). The test's bound is what a
    // blocked event loop breaks (parsing on the request thread gave 7.7 s), so a machine busy with other suites never fails it.
    it('a 15 MB CSV, zip bombs and the largest allowed file: /health stays responsive, the extra memory under 256 MB', async () => {
      const big15 = Buffer.alloc(15 * MB, 'Voornaam;Familienaam\r\nLina;Peeters\r\n');
      const declaredHuge = await bomb(300 * MB); // declares 300 MB: over the total
      const ratio = await bomb(90 * MB); // under the total, but a thousand to one
      const liar = await bomb(300 * MB, 512 * 1024); // declares half a megabyte, inflates to 300 MB
      const largest = bigCsv(10 * MB - 1024);
      const base64 = Buffer.from(JSON.stringify({ contentBase64: Buffer.alloc(11 * MB, 1).toString('base64') }));

      // Warm up the paths (the first worker loads its modules), then take the baseline.
      await call('POST', '/api/v1/imports/preview', Buffer.from(readFileSync(new URL('../fixtures/import/wachtlijst-500.xlsx', import.meta.url))), XLSX);
      (globalThis as { gc?: () => void }).gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const latencies: number[] = [];
      let running = true;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const poll = (async () => {
        while (running) {
          const started = performance.now();
          const r = await call('GET', '/health');
          latencies.push(performance.now() - started);
          assert.equal(r.status, 200);
          await new Promise((res) => setTimeout(res, 5));
        }
      })();
      const outcomes: Record<string, { status: number; code?: string; field?: string; ms: number }> = {};
      const upload = async (name: string, path: string, body: Buffer, type: string) => {
        const started = performance.now();
        const r = await call('POST', path, body, type);
        const e = r.body ? (JSON.parse(r.body).error ?? {}) : {};
        outcomes[name] = { status: r.status, code: e.code, field: e.field, ms: Math.round(performance.now() - started) };
      };
      try {
        await upload('csv15', '/api/v1/imports/preview', big15, 'text/csv');
        await upload('csv15-commit', '/api/v1/imports', big15, 'text/csv');
        await upload('base64-11', '/api/v1/imports/preview', base64, 'application/json');
        await upload('bomb-declared', '/api/v1/imports/preview', declaredHuge, XLSX);
        await upload('bomb-ratio', '/api/v1/imports', ratio, XLSX);
        await upload('bomb-liar', '/api/v1/imports/preview', liar, XLSX);
        await Promise.all([upload('largest-a', '/api/v1/imports/preview', largest, 'text/csv'), upload('largest-b', '/api/v1/imports/preview', largest, 'text/csv')]);
      } finally {
        running = false;
        await poll;
        clearInterval(sampler);
      }
      const p99 = percentile(latencies, 99);
      const extraMb = Math.round((peak - baseline) / MB);
      console.log(`# ${flavour.name}: /health ${latencies.length} calls, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; RSS baseline ${Math.round(baseline / MB)} MB, peak +${extraMb} MB; largest CSV ${(largest.length / MB).toFixed(2)} MB`);
      console.log(`# outcomes ${JSON.stringify(outcomes)}`);

      for (const k of ['csv15', 'csv15-commit']) {
        // Refused from Content-Length: either the 413 arrives, or the connection is cut while the rest is sent.
        assert.ok(outcomes[k]!.status === 413 || outcomes[k]!.status === -1, `${k}: ${JSON.stringify(outcomes[k])}`);
        if (outcomes[k]!.status === 413) assert.equal(outcomes[k]!.field, 'file');
      }
      assert.deepEqual([outcomes['base64-11']!.status, outcomes['base64-11']!.field], [413, 'contentBase64']);
      for (const k of ['bomb-declared', 'bomb-ratio', 'bomb-liar']) assert.deepEqual([outcomes[k]!.status, outcomes[k]!.code, outcomes[k]!.field], [400, 'import.file_unpacks_too_large', 'file'], k);
      for (const k of ['largest-a', 'largest-b']) assert.ok([200, 400].includes(outcomes[k]!.status), `${k}: ${JSON.stringify(outcomes[k])}`);
      console.log(`# /health p99 target 100 ms: ${p99 < 100 ? 'met' : 'missed on this (busy) run'}`);
      assert.ok(p99 < 1000, `/health p99 ${p99.toFixed(1)} ms: the event loop was blocked`);
      assert.ok(extraMb < 256, `extra memory ${extraMb} MB`);
    });

    it('a 15 MB CSV gets a clear 413 with the limit in both languages', async () => {
      const r = await app.inject({ method: 'POST', url: '/api/v1/imports/preview', headers: { authorization: `Bearer ${w.tokens.coordA}`, 'content-type': 'text/csv' }, payload: Buffer.alloc(15 * MB, 'a;b\r\n') });
      assert.equal(r.statusCode, 413, r.body);
      const e = r.json().error;
      assert.deepEqual([e.code, e.field], ['import.file_too_large', 'file']);
      assert.match(e.nl, /10 MB/);
      assert.match(e.en, /10 MB/);
    });
  });
}

describe('reading stops at the limits', () => {
  it('the CSV parser stops one row past the row limit instead of reading the rest', () => {
    const text = `a;b\r\n${'1;2\r\n'.repeat(60_000)}`;
    const limited = parseCsv(text, ';', 1000);
    assert.equal(limited.overLimit, true);
    assert.equal(limited.rows.length, 1000);
    assert.equal(limited.rows.at(-1)!.line, 1001);
    assert.equal(parseCsv(text, ';').rows.length, 60_000);
    // The reader is one pass that yields each row as it reads it: past the limit it yields nothing more, so it stopped
    // (counted, not timed: a busy machine cannot make this fail).
    assert.ok(parseCsvRecords(text, ';', 1000).length <= 1002, 'the limited read went on through the file');
  });

  it('the central directory is judged without inflating: entries, declared size and ratio', () => {
    const entry = (n: number, compressed: number, uncompressed: number) => ({ name: `e${n}`, data: Buffer.alloc(compressed), size: uncompressed, crc: 0 });
    assert.equal(inspectZip(zip([entry(1, 1000, 5000)]), ZIP_LIMITS).ok, true);
    assert.deepEqual(inspectZip(zip(Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) => entry(i, 1, 1))), ZIP_LIMITS), { ok: false, reason: 'too_many_entries' });
    assert.deepEqual(inspectZip(zip([entry(1, 2 * MB, 60 * MB), entry(2, 2 * MB, 60 * MB)]), ZIP_LIMITS), { ok: false, reason: 'too_large' });
    assert.deepEqual(inspectZip(zip([entry(1, 10_000, 2 * MB)]), ZIP_LIMITS), { ok: false, reason: 'ratio' });
    assert.deepEqual(inspectZip(Buffer.from('PK not a zip'), ZIP_LIMITS), { ok: false, reason: 'not_a_zip' });
  });
});
