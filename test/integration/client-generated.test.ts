// The committed reference client is what the generator makes from today's OpenAPI document: it cannot drift.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { currentDocument, DOCUMENT_FILE, GENERATED_FILE, renderClient, tsType } from '../../clients/typescript/generate.ts';

describe('reference client', () => {
  it('regenerating from the OpenAPI document gives the committed files byte for byte (run npm run client:generate)', async () => {
    const doc = await currentDocument();
    assert.equal(readFileSync(DOCUMENT_FILE, 'utf8'), `${JSON.stringify(doc, null, 2)}\n`);
    assert.equal(readFileSync(GENERATED_FILE, 'utf8'), renderClient(doc));
  });

  it('has a method for every integration operation', async () => {
    const src = readFileSync(GENERATED_FILE, 'utf8');
    for (const op of ['createToken', 'publishCapacity', 'reportPlacements', 'readEvents', 'listLocationRequests', 'setWebhook', 'createClient', 'rotateClient', 'revokeClient', 'postOffers', 'postRequestsByIdResponses', 'getLocationsByIdCandidates']) {
      assert.match(src, new RegExp(`\\n  ${op}\\(input`), op);
    }
  });

  it('turns schemas into the types a caller writes', () => {
    assert.equal(tsType({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'array', items: { type: 'integer' } } }, required: ['a'], additionalProperties: false }), '{\n  a: string;\n  b?: Array<number>;\n}');
    assert.equal(tsType({ anyOf: [{ const: 'x' }, { type: 'null' }] }), '("x" | null)');
  });
});
