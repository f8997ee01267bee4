/**
 * CloudFormation YAML: the `yaml` package (YAML 1.2 core schema, so `2010-09-09` stays a string)
 * with the short-form intrinsic tags (`!Ref`, `!Sub`, `!GetAtt`, `!If`, ...) turned into their
 * long forms, so the rest of the engine only ever sees the JSON model.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html
 */
import { type CollectionTag, parse, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';
import { TemplateError } from './template-error.ts';

/** Short tag name -> long key. `!Ref` and `!Condition` keep their names; the rest are `Fn::*`. */
const FUNCTIONS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  ...Object.fromEntries(
    [
      'And',
      'Base64',
      'Cidr',
      'Equals',
      'FindInMap',
      'GetAtt',
      'GetAZs',
      'If',
      'ImportValue',
      'Join',
      'Length',
      'Not',
      'Or',
      'Select',
      'Split',
      'Sub',
      'ToJsonString',
      'Transform',
    ].map((name) => [name, `Fn::${name}`]),
  ),
};

/** `!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}` (split at the first dot, as CloudFormation does). */
function scalarValue(key: string, text: string): unknown {
  if (key !== 'Fn::GetAtt') return text;
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

function tagsFor(short: string, key: string): (ScalarTag | CollectionTag)[] {
  const tag = `!${short}`;
  const scalar: ScalarTag = {
    tag,
    identify: () => false,
    resolve: (text: string) => ({ [key]: scalarValue(key, text) }),
  };
  const seq: CollectionTag = {
    tag,
    collection: 'seq',
    identify: () => false,
    resolve: (node) => ({ [key]: (node as YAMLSeq).toJSON() }),
  };
  const map: CollectionTag = {
    tag,
    collection: 'map',
    identify: () => false,
    resolve: (node) => ({ [key]: (node as YAMLMap).toJSON() }),
  };
  return [scalar, seq, map];
}

const CUSTOM_TAGS = Object.entries(FUNCTIONS).flatMap(([short, key]) => tagsFor(short, key));

/** Parses YAML template text into a plain JSON document; errors name the line and column. */
export function parseYamlTemplate(text: string, where: string): unknown {
  try {
    return parse(text, { customTags: CUSTOM_TAGS, uniqueKeys: true, maxAliasCount: 100 });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? String(error);
    throw new TemplateError('', `${where} is not valid JSON or YAML (${message})`);
  }
}
