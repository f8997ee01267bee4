import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction, FUNCTION_ENTRY } from './bundle-function.ts';
import {
  MAX_TEMPLATE_BYTES,
  type RenderedTemplate,
  renderTemplate,
  TEMPLATE_PATH,
} from './render-template.ts';

const functionMissing = !existsSync(FUNCTION_ENTRY);
if (functionMissing)
  console.warn(`NOT RUN: ${FUNCTION_ENTRY} is missing, so the template cannot be rendered`);

describe.skipIf(functionMissing)('lib/TapStack.json', () => {
  // In beforeAll, not the describe body: a skipped suite's body is still collected.
  let committed = '';
  let rendered: RenderedTemplate;
  beforeAll(() => {
    committed = existsSync(TEMPLATE_PATH) ? readFileSync(TEMPLATE_PATH, 'utf8') : '';
    rendered = renderTemplate(bundleFunction());
  });

  it('is exactly what a fresh synth produces (run `npm run synth` after changing infra/ or functions/)', () => {
    expect(rendered.json === committed, 'lib/TapStack.json is stale: run npm run synth').toBe(true);
  });

  it('renders identically twice, so the comparison above is meaningful', () => {
    expect(renderTemplate(bundleFunction()).json).toBe(rendered.json);
  });

  it('fits the 51,200-byte limit for templates deployed inline', () => {
    expect(Buffer.byteLength(committed)).toBeGreaterThan(0);
    expect(Buffer.byteLength(committed)).toBeLessThanOrEqual(MAX_TEMPLATE_BYTES);
  });

  it('raises no cdk-nag warnings either', () => {
    expect(rendered.findings).toEqual([]);
  });
});
