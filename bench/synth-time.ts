import { bundleFunction } from '../infra/src/bundle-function.ts';
import { renderTemplate } from '../infra/src/render-template.ts';

/**
 * Synth time in this process: esbuild bundling, then the CDK app rendered with cdk-nag, with and
 * without CDK's CloudFormation validator (`npm run synth` runs it; tests do not). The baseline is
 * the bundling alone, the part every build of the function pays anyway.
 */
export function measureSynth(): {
  bundleMs: number;
  renderMs: number;
  renderWithValidationMs: number;
  templateBytes: number;
} {
  const bundleStart = performance.now();
  const code = bundleFunction();
  const bundleMs = performance.now() - bundleStart;
  const renderStart = performance.now();
  const { json } = renderTemplate(code, { cfnValidation: false });
  const renderMs = performance.now() - renderStart;
  const validatedStart = performance.now();
  renderTemplate(code, { cfnValidation: true });
  const renderWithValidationMs = performance.now() - validatedStart;
  return { bundleMs, renderMs, renderWithValidationMs, templateBytes: Buffer.byteLength(json) };
}
