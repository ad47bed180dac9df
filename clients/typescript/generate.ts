// Generates the reference client's operations and types from Nabij's OpenAPI document (`npm run client:generate`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../src/http/server.ts';
import type { AppContext } from '../../src/app/context.ts';

type Schema = Record<string, unknown>;
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Schema; description?: string }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

export const GENERATED_FILE = fileURLToPath(new URL('./src/generated.ts', import.meta.url));
export const DOCUMENT_FILE = fileURLToPath(new URL('./openapi.json', import.meta.url));

/** The OpenAPI document the server publishes; building the routes needs no database. */
export async function currentDocument(): Promise<OpenApi> {
  const app = await buildServer({ db: null, now: () => new Date(0) } as unknown as AppContext);
  const doc = app.swagger() as unknown as OpenApi;
  await app.close();
  return doc;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (k: string) => (IDENT.test(k) ? k : JSON.stringify(k));
const pascal = (s: string) => s.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/** A JSON Schema (as TypeBox and Fastify write it) as a TypeScript type. */
export function tsType(s: Schema | undefined, indent = ''): string {
  if (!s || Object.keys(s).length === 0) return 'unknown';
  if ('const' in s) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  for (const k of ['anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) return `(${(s[k] as Schema[]).map((x) => tsType(x, indent)).join(' | ')})`;
  if (Array.isArray(s.allOf)) return `(${(s.allOf as Schema[]).map((x) => tsType(x, indent)).join(' & ')})`;
  if (Array.isArray(s.type)) return (s.type as string[]).map((t) => tsType({ ...s, type: t }, indent)).join(' | ');
  switch (s.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `Array<${tsType(s.items as Schema | undefined, indent)}>`;
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const required = new Set((s.required ?? []) as string[]);
      const inner = `${indent}  `;
      const lines = Object.entries(props).map(([k, v]) => {
        const doc = typeof v.description === 'string' ? `${inner}/** ${v.description.replace(/\*\//g, '* /')} */\n` : '';
        return `${doc}${inner}${key(k)}${required.has(k) ? '' : '?'}: ${tsType(v, inner)};`;
      });
      if (s.additionalProperties !== false && (s.additionalProperties !== undefined || lines.length === 0)) lines.push(`${inner}[key: string]: unknown;`);
      return lines.length ? `{\n${lines.join('\n')}\n${indent}}` : 'Record<string, never>';
    }
    default:
      return 'unknown';
  }
}

function operationName(method: string, path: string, op: Operation): string {
  if (op.operationId) return op.operationId;
  const parts = path.replace(/^\/api\/v1\//, '').split('/').filter(Boolean).map((p) => (p.startsWith('{') ? `By${pascal(p.slice(1, -1))}` : pascal(p)));
  return method.toLowerCase() + parts.join('');
}

/** The whole generated module, deterministic for a given document. */
export function renderClient(doc: OpenApi): string {
  const types: string[] = [];
  const methods: string[] = [];
  const table: string[] = [];
  const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/')).sort();
  for (const path of paths) {
    const item = doc.paths[path] as Record<string, Operation>;
    for (const method of Object.keys(item).sort()) {
      const op = item[method] as Operation;
      if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
      const name = operationName(method, path, op);
      const T = pascal(name);
      const params = (op.parameters ?? []).filter((p) => p.in === 'path');
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      const content = op.requestBody?.content ?? {};
      const contentType = Object.keys(content)[0];
      const bodySchema = contentType ? content[contentType]?.schema : undefined;
      const ok = Object.keys(op.responses ?? {}).sort().find((c) => c.startsWith('2'));
      const resSchema = ok ? op.responses?.[ok]?.content?.['application/json']?.schema : undefined;
      const fields: string[] = [];
      if (params.length) {
        types.push(`export interface ${T}Params {\n${params.map((p) => `  ${key(p.name)}: ${tsType(p.schema, '  ')};`).join('\n')}\n}`);
        fields.push(`  params: ${T}Params;`);
      }
      if (query.length) {
        types.push(`export interface ${T}Query {\n${query.map((p) => `${p.description ? `  /** ${p.description} */\n` : ''}  ${key(p.name)}${p.required ? '' : '?'}: ${tsType(p.schema, '  ')};`).join('\n')}\n}`);
        fields.push(`  query${query.some((p) => p.required) ? '' : '?'}: ${T}Query;`);
      }
      if (bodySchema) {
        types.push(`export type ${T}Body = ${tsType(bodySchema)};`);
        fields.push(`  body${op.requestBody?.required === false ? '?' : ''}: ${T}Body;`);
      }
      types.push(`export type ${T}Response = ${resSchema ? tsType(resSchema) : 'unknown'};`);
      const required = fields.some((f) => !/^\s+\w+\?:/.test(f));
      types.push(`export interface ${T}Input {\n${fields.join('\n')}${fields.length ? '\n' : ''}  headers?: Record<string, string>;\n}`);
      const summary = [op.summary, op.description].filter(Boolean).join(' ');
      methods.push(
        `  /** ${method.toUpperCase()} ${path}${summary ? ` — ${summary.replace(/\*\//g, '* /')}` : ''} */\n` +
          `  ${name}(input: ${T}Input${required ? '' : ' = {}'}): Promise<${T}Response> {\n` +
          `    return this.transport.call<${T}Response>(${JSON.stringify(method.toUpperCase())}, ${JSON.stringify(path)}, input${contentType && contentType !== 'application/json' ? `, ${JSON.stringify(contentType)}` : ''});\n  }`,
      );
      table.push(`  ${name}: { method: ${JSON.stringify(method.toUpperCase())}, path: ${JSON.stringify(path)} },`);
    }
  }
  return [
    '// Generated from the Nabij OpenAPI document by `npm run client:generate`. Do not edit: change the routes and generate again.',
    "import type { Transport } from './runtime.ts';",
    '',
    types.join('\n\n'),
    '',
    '/** Every operation: method and path. */',
    `export const OPERATIONS = {\n${table.join('\n')}\n} as const;`,
    '',
    '/** One method per operation of the API. */',
    'export class NabijApi {',
    '  readonly transport: Transport;',
    '  constructor(transport: Transport) {',
    '    this.transport = transport;',
    '  }',
    '',
    methods.join('\n\n'),
    '}',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const doc = await currentDocument();
  writeFileSync(DOCUMENT_FILE, `${JSON.stringify(doc, null, 2)}\n`);
  writeFileSync(GENERATED_FILE, renderClient(doc));
  console.log(`Wrote ${GENERATED_FILE} and ${DOCUMENT_FILE}`);
}
