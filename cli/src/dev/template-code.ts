import { readFileSync, writeFileSync } from 'node:fs';

/** The inline `aws cloudformation deploy` limit `npm run synth` enforces (infra/src/render-template.ts). */
const MAX_TEMPLATE_BYTES = 51_200;

export type TemplateRefresh = 'written' | 'not-found' | 'too-large';

/**
 * Keeps the synthesized template in step with a function save without a full CDK synth: the
 * template embeds the bundle as `Code.ZipFile`, rendered by `JSON.stringify`, so replacing the
 * old bundle's JSON string with the new one gives the bytes `npm run synth` would write. Refused
 * (nothing written) when the old bundle is not in the file exactly once or the result would pass
 * the inline-deploy size limit `npm run synth` enforces.
 */
export function refreshTemplateCode(path: string, oldCode: string, newCode: string): TemplateRefresh {
  const text = readFileSync(path, 'utf8');
  const before = JSON.stringify(oldCode);
  const at = text.indexOf(before);
  if (at < 0 || text.indexOf(before, at + 1) >= 0) return 'not-found';
  const next = `${text.slice(0, at)}${JSON.stringify(newCode)}${text.slice(at + before.length)}`;
  if (Buffer.byteLength(next) > MAX_TEMPLATE_BYTES) return 'too-large';
  writeFileSync(path, next);
  return 'written';
}
