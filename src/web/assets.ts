// The portal's static files: one stylesheet (NL Design System base + Nabij's look) and one small script, with
// content-hashed names so browsers keep them, and served gzip-compressed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

export interface Asset {
  path: string;
  type: string;
  body: Buffer;
  gzip: Buffer;
}

const require = createRequire(import.meta.url);

function asset(name: string, ext: string, type: string, body: string): Asset {
  const buf = Buffer.from(body);
  const hash = createHash('sha256').update(buf).digest('hex').slice(0, 10);
  return { path: `/assets/${name}.${hash}.${ext}`, type, body: buf, gzip: gzipSync(buf, { level: 9 }) };
}

function build() {
  const base = readFileSync(require.resolve('@utrecht/component-library-css/dist/html.css'), 'utf8');
  const own = readFileSync(new URL('./assets/nabij.css', import.meta.url), 'utf8');
  const js = readFileSync(new URL('./assets/portal.js', import.meta.url), 'utf8');
  return {
    css: asset('nabij', 'css', 'text/css; charset=utf-8', `${base}\n${own}`),
    js: asset('portal', 'js', 'text/javascript; charset=utf-8', js),
  };
}

export const ASSETS = build();
