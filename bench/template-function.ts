import { readFileSync } from 'node:fs';

/** The request processor exactly as the committed template ships it: inline code and table shape. */
export interface TemplateFunction {
  readonly code: string;
  readonly handler: string;
  readonly tableProperties: Record<string, unknown>;
}

interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

export function readTemplateFunction(templatePath = 'lib/TapStack.json'): TemplateFunction {
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as {
    Resources: Record<string, CfnResource>;
  };
  const fn = template.Resources.RequestProcessorLambda;
  const table = template.Resources.RequestDataTable;
  const code = (fn?.Properties?.Code as { ZipFile?: unknown } | undefined)?.ZipFile;
  if (typeof code !== 'string' || !table?.Properties) {
    throw new Error(`${templatePath}: RequestProcessorLambda.Code.ZipFile or RequestDataTable is missing`);
  }
  const { TableName: _name, Tags: _tags, ...tableProperties } = table.Properties;
  return { code, handler: String(fn?.Properties?.Handler ?? 'index.handler'), tableProperties };
}
