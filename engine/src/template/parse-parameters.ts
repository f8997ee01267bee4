import {
  expectLogicalId,
  expectNumber,
  expectObject,
  expectScalarString,
  rejectUnknownKeys,
} from './shape.ts';
import { TemplateError } from './template-error.ts';
import type { JsonObject, ParameterDefinition } from './types.ts';

const PARAMETER_KEYS = new Set([
  'Type',
  'Default',
  'AllowedValues',
  'AllowedPattern',
  'MinLength',
  'MaxLength',
  'MinValue',
  'MaxValue',
  'NoEcho',
  'Description',
  'ConstraintDescription',
]);

/**
 * Reads the `Parameters` section (declarations only; values come from `resolveParameters`).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 */
export function parseParameters(section: JsonObject | undefined): ParameterDefinition[] {
  if (!section) return [];
  return Object.entries(section).map(([name, raw]) => {
    const path = `Parameters.${name}`;
    expectLogicalId(name, path);
    const body = expectObject(raw, path);
    rejectUnknownKeys(body, PARAMETER_KEYS, path);
    if (body.Type === undefined) throw TemplateError.at(path, 'Type is required');
    const definition: ParameterDefinition = {
      name,
      type: expectScalarString(body.Type, `${path}.Type`),
      noEcho: body.NoEcho === true || body.NoEcho === 'true',
      ...optional('default', body.Default, (v) => expectScalarString(v, `${path}.Default`)),
      ...optional('allowedValues', body.AllowedValues, (v) => allowedValues(v, `${path}.AllowedValues`)),
      ...optional('allowedPattern', body.AllowedPattern, (v) => pattern(v, `${path}.AllowedPattern`)),
      ...optional('minLength', body.MinLength, (v) => expectNumber(v, `${path}.MinLength`)),
      ...optional('maxLength', body.MaxLength, (v) => expectNumber(v, `${path}.MaxLength`)),
      ...optional('minValue', body.MinValue, (v) => expectNumber(v, `${path}.MinValue`)),
      ...optional('maxValue', body.MaxValue, (v) => expectNumber(v, `${path}.MaxValue`)),
      ...optional('description', body.Description, (v) => expectScalarString(v, `${path}.Description`)),
      ...optional('constraintDescription', body.ConstraintDescription, (v) =>
        expectScalarString(v, `${path}.ConstraintDescription`),
      ),
    };
    return definition;
  });
}

function optional<K extends string, T>(
  key: K,
  value: unknown,
  read: (value: unknown) => T,
): { [P in K]?: T } {
  return value === undefined ? {} : ({ [key]: read(value) } as { [P in K]?: T });
}

function allowedValues(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) throw TemplateError.at(path, 'expected a list');
  return value.map((item, index) => expectScalarString(item, `${path}.${index}`));
}

function pattern(value: unknown, path: string): string {
  const source = expectScalarString(value, path);
  try {
    new RegExp(source);
  } catch (error) {
    throw TemplateError.at(path, `not a valid regular expression (${(error as Error).message})`);
  }
  return source;
}
