import { describe, expect, it } from 'vitest';
import { parseParameterFile } from './parameters.ts';

describe('parameter files', () => {
  it.each([
    ['the CloudFormation list', '[{"ParameterKey":"EnvironmentSuffix","ParameterValue":"qa"}]'],
    ['the CodePipeline object', '{"Parameters":{"EnvironmentSuffix":"qa"}}'],
    ['a plain object', '{"EnvironmentSuffix":"qa"}'],
  ])('reads %s', (_name, text) => {
    expect(parseParameterFile(text, 'p.json')).toEqual({ EnvironmentSuffix: 'qa' });
  });

  it.each([
    ['not JSON', '{', 'parameter file p.json is not valid JSON'],
    ['a list entry without a value', '[{"ParameterKey":"A"}]', 'parameter file p.json: entry 0 needs string'],
    ['a nested value', '{"A":{"b":1}}', 'parameter file p.json: A must be a string'],
    ['a bare string', '"x"', 'parameter file p.json: expected a JSON list or object'],
  ])('refuses %s naming the file and entry', (_name, text, expected) => {
    expect(() => parseParameterFile(text, 'p.json')).toThrow(expected);
  });
});
