// Validates XML against Opgroeien's published schemas with xmllint (Debian libxml2-utils; .ci/run installs it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const XSD = join(import.meta.dirname, '..', 'fixtures', 'opgroeien-xsd');

export function validateXml(xml: string, xsd: 'FO-RE-19.xsd' | 'FO-RE-30.xsd'): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nabij-xml-'));
  const file = join(dir, 'file.xml');
  writeFileSync(file, xml);
  try {
    const output = execFileSync('xmllint', ['--noout', '--schema', join(XSD, xsd), file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, output };
  } catch (e) {
    return { ok: false, output: String((e as { stderr?: string }).stderr ?? e) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
