// The page frame every server-rendered page shares: language, viewport, skip link and a readable, mobile-first style.
import { html, raw, type Html } from './html.ts';

const STYLE = `
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;line-height:1.5}
body{margin:0}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;outline:3px solid #1f5f8b}
header,main,footer{max-width:64rem;margin:0 auto;padding:1rem}
header{border-bottom:4px solid #1f5f8b}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin-top:2rem}
.grid{display:grid;gap:1.5rem;grid-template-columns:1fr}
@media(min-width:50rem){.grid{grid-template-columns:1fr 1fr}}
figure.chart{margin:0}figcaption{font-weight:600;margin-bottom:.3rem}
table.data{border-collapse:collapse;width:100%;margin-top:.5rem;font-size:.9rem}
table.data caption{text-align:left;font-size:.85rem;color:#444}
table.data th,table.data td{border-bottom:1px solid #ccc;padding:.2rem .4rem;text-align:left}
table.data td{text-align:right}
.summary{font-size:1.1rem}
a{color:#1f5f8b}a:focus,button:focus{outline:3px solid #b54708;outline-offset:2px}
`;

export function page(opts: { lang: 'nl' | 'en'; title: string; body: Html }): string {
  return `<!doctype html>${html`<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} – Nabij</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<a class="skip" href="#inhoud">Naar de inhoud</a>
<header><p>Nabij</p><h1>${opts.title}</h1></header>
<main id="inhoud">${opts.body}</main>
<footer><p>Nabij – lokaal loket kinderopvang</p></footer>
</body>
</html>`.value}`;
}
