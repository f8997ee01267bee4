import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseParameterFile, parseParameterOverrides } from '../parameters.ts';

/** Options of the commands that deploy or preview a template. */
export interface TemplateOptions {
  readonly template: string;
  readonly stackName: string;
  readonly parameter: string[];
  readonly parametersFile?: string;
}

export function withTemplateOptions(command: Command): Command {
  return command
    .option('--template <file>', 'CloudFormation template (JSON or YAML)', 'lib/TapStack.json')
    .option('--stack-name <name>', 'CloudFormation stack name', 'serverless-infrastructure')
    .option(
      '-p, --parameter <Key=Value...>',
      'parameter override (repeatable; others keep their deployed values)',
      (value: string, all: string[]) => [...all, value],
      [],
    )
    .option(
      '--parameters-file <file>',
      'parameters as JSON ([{ParameterKey, ParameterValue}] or {"Key": "Value"})',
    );
}

export function readTemplateBody(file: string): string {
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch (error) {
    throw new Error(`cannot read the template ${file}: ${(error as Error).message}`);
  }
}

/** The parameter file's values, then `-p` pairs (later wins). */
export function templateParameters(options: TemplateOptions): Record<string, string> {
  const fromFile = options.parametersFile
    ? parseParameterFile(readFileSync(resolve(options.parametersFile), 'utf8'), options.parametersFile)
    : {};
  return { ...fromFile, ...parseParameterOverrides(options.parameter) };
}
