/**
 * The Parameters list of CreateStack, UpdateStack and CreateChangeSet, turned into the overrides a
 * deploy takes: `UsePreviousValue` reads the value the stack was last deployed with.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Parameter.html
 */
import { cloudformationErrors } from './errors.ts';

export interface ParameterInput {
  readonly ParameterKey?: string;
  readonly ParameterValue?: string;
  readonly UsePreviousValue?: boolean;
}

export function overridesFrom(
  list: readonly ParameterInput[] | undefined,
  previous: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const [index, parameter] of (list ?? []).entries()) {
    const key = parameter.ParameterKey;
    if (!key)
      throw cloudformationErrors.validation(`Parameters.member.${index + 1}.ParameterKey is required`);
    if (Object.hasOwn(overrides, key))
      throw cloudformationErrors.validation(
        `Invalid input for parameter key ${key}. The key is given more than once`,
      );
    if (parameter.UsePreviousValue) {
      if (parameter.ParameterValue !== undefined) {
        throw cloudformationErrors.validation(
          `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true and non empty value for a parameter key in the list of parameters`,
        );
      }
      const value = previous?.[key];
      if (value === undefined) {
        throw cloudformationErrors.validation(
          previous
            ? `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`
            : `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a new stack`,
        );
      }
      overrides[key] = value;
      continue;
    }
    overrides[key] = parameter.ParameterValue ?? '';
  }
  return overrides;
}

/** Parameters as DescribeChangeSet shows them (NoEcho masked). */
export const shownParameters = (values: Readonly<Record<string, string>>, noEcho: readonly string[]) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, noEcho.includes(k) ? '****' : v]));
