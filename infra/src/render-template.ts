import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';

/** Where the committed template lives. */
export const TEMPLATE_PATH = fileURLToPath(new URL('../../lib/TapStack.json', import.meta.url));

/** The `aws cloudformation deploy --template-file` limit for a template sent inline. */
export const MAX_TEMPLATE_BYTES = 51_200;

/** A rendered template and the validation findings that were not acknowledged. */
export interface RenderedTemplate {
  /** Compact JSON plus a trailing newline: exactly what lib/TapStack.json holds. */
  readonly json: string;
  readonly template: Record<string, unknown>;
  /** One line per warning-level violation reported by a validation plugin (errors throw instead). */
  readonly findings: readonly string[];
}

/** Options for {@link renderTemplate}. */
export interface RenderOptions {
  /** Also run CDK's built-in CloudFormation validator (slow: about 15 s). Default false. */
  readonly cfnValidation?: boolean;
}

/** The parts of CDK's validation-report.json we read. */
interface ValidationReport {
  readonly pluginReports?: readonly {
    readonly pluginName: string;
    readonly violations?: readonly {
      readonly ruleName: string;
      readonly description: string;
      readonly severity?: string;
      readonly violatingConstructs?: readonly { readonly constructPath: string }[];
    }[];
  }[];
}

function readFindings(assemblyDirectory: string): string[] {
  const file = join(assemblyDirectory, 'validation-report.json');
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as ValidationReport;
  return (report.pluginReports ?? []).flatMap((plugin) =>
    (plugin.violations ?? []).map((v) => {
      const where = (v.violatingConstructs ?? []).map((c) => c.constructPath).join(', ');
      return `${plugin.pluginName} ${v.ruleName} (${v.severity ?? 'unknown'}): ${v.description} at ${where}`;
    }),
  );
}

/**
 * Synthesizes the stack in-process with the cdk-nag packs as validation plugins (an unacknowledged
 * error makes synth throw; warnings are returned as findings). Output is deterministic: CDK renders
 * in construct order and nothing time- or machine-dependent is included, so a fresh render can be
 * compared byte for byte with the committed file.
 * @see https://docs.aws.amazon.com/cdk/v2/guide/configure-synth.html
 */
export function renderTemplate(functionCode: string, options: RenderOptions = {}): RenderedTemplate {
  const { app, stack } = createApp({ functionCode, cfnValidation: options.cfnValidation ?? false });
  const assembly = app.synth();
  const template = assembly.getStackArtifact(stack.artifactId).template as Record<string, unknown>;
  return { json: `${JSON.stringify(template)}\n`, template, findings: readFindings(assembly.directory) };
}
