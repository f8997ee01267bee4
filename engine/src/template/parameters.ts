import { TemplateError } from './template-error.ts';
import type { ParameterDefinition, Template } from './types.ts';

/** What `Ref` returns for a parameter: a string, or a list for the list types. */
export type ParameterValue = string | readonly string[];

export interface ResolvedParameters {
  /** By parameter name, what `Ref` returns. Number parameters stay strings, as in CloudFormation. */
  readonly values: Readonly<Record<string, ParameterValue>>;
  /** By parameter name, the string given or defaulted (what DescribeStacks shows and diffs compare). */
  readonly raw: Readonly<Record<string, string>>;
  /** Names of NoEcho parameters, masked as `****` when a stack is described. */
  readonly noEcho: readonly string[];
}

/**
 * Applies overrides and defaults to a template's parameters and checks every constraint the way
 * CloudFormation does before it creates anything: a missing value, an unknown override, the type
 * (String, Number, List<Number>, CommaDelimitedList; `AWS::…` types are taken as strings, SSM
 * parameter types are not looked up), AllowedValues, AllowedPattern (matching the whole value),
 * Min/MaxLength, Min/MaxValue. A ConstraintDescription replaces the default message, as AWS does.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 */
export function resolveParameters(
  template: Template,
  overrides: Readonly<Record<string, string>>,
): ResolvedParameters {
  const declared = new Set(template.parameters.map((p) => p.name));
  const unknown = Object.keys(overrides).filter((name) => !declared.has(name));
  if (unknown.length > 0) {
    throw new TemplateError('Parameters', `Parameters: [${unknown.join(', ')}] do not exist in the template`);
  }
  const missing = template.parameters
    .filter((p) => !Object.hasOwn(overrides, p.name) && p.default === undefined)
    .map((p) => p.name);
  if (missing.length > 0) {
    throw new TemplateError('Parameters', `Parameters: [${missing.join(', ')}] must have values`);
  }
  const values: Record<string, ParameterValue> = {};
  const raw: Record<string, string> = {};
  for (const parameter of template.parameters) {
    const given = Object.hasOwn(overrides, parameter.name) ? overrides[parameter.name] : parameter.default;
    const text = given ?? '';
    values[parameter.name] = checkParameter(parameter, text);
    raw[parameter.name] = text;
  }
  return { values, raw, noEcho: template.parameters.filter((p) => p.noEcho).map((p) => p.name) };
}

function checkParameter(parameter: ParameterDefinition, text: string): ParameterValue {
  switch (parameter.type) {
    case 'Number':
      checkNumber(parameter, text);
      checkScalar(parameter, text);
      return text;
    case 'List<Number>': {
      const items = splitList(text);
      for (const item of items) {
        checkNumber(parameter, item);
        checkScalar(parameter, item);
      }
      return items;
    }
    case 'CommaDelimitedList': {
      const items = splitList(text);
      for (const item of items) checkScalar(parameter, item);
      return items;
    }
    default:
      // String, and AWS-specific types (`AWS::EC2::KeyPair::KeyName`, SSM types) taken as strings.
      if (parameter.type.startsWith('List<')) {
        const items = splitList(text);
        for (const item of items) checkScalar(parameter, item);
        return items;
      }
      if (parameter.type !== 'String' && !parameter.type.startsWith('AWS::')) {
        throw new TemplateError(
          `Parameters.${parameter.name}.Type`,
          `Parameters.${parameter.name}.Type: unsupported parameter type '${parameter.type}'`,
        );
      }
      checkScalar(parameter, text);
      return text;
  }
}

/** CloudFormation splits list parameters on commas and trims nothing; an empty value is an empty list. */
function splitList(text: string): string[] {
  return text === '' ? [] : text.split(',');
}

function checkNumber(parameter: ParameterDefinition, text: string): void {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    fail(parameter, `Parameter '${parameter.name}' must be a number`);
  }
  if (parameter.minValue !== undefined && value < parameter.minValue) {
    fail(parameter, `Parameter '${parameter.name}' must be a number not less than ${parameter.minValue}`);
  }
  if (parameter.maxValue !== undefined && value > parameter.maxValue) {
    fail(parameter, `Parameter '${parameter.name}' must be a number not greater than ${parameter.maxValue}`);
  }
}

function checkScalar(parameter: ParameterDefinition, text: string): void {
  if (parameter.allowedValues && !parameter.allowedValues.includes(text)) {
    fail(parameter, `Parameter '${parameter.name}' must be one of AllowedValues`);
  }
  if (parameter.allowedPattern !== undefined && !new RegExp(`^(?:${parameter.allowedPattern})$`).test(text)) {
    fail(
      parameter,
      `Malformed input-Parameter ${parameter.name} must match pattern ${parameter.allowedPattern}`,
    );
  }
  if (parameter.minLength !== undefined && text.length < parameter.minLength) {
    fail(parameter, `Parameter '${parameter.name}' must contain at least ${parameter.minLength} characters`);
  }
  if (parameter.maxLength !== undefined && text.length > parameter.maxLength) {
    fail(parameter, `Parameter '${parameter.name}' must contain at most ${parameter.maxLength} characters`);
  }
}

function fail(parameter: ParameterDefinition, message: string): never {
  const custom = parameter.constraintDescription;
  throw new TemplateError(
    `Parameters.${parameter.name}`,
    custom === undefined ? message : `Malformed input-Parameter ${parameter.name} ${custom}`,
  );
}
