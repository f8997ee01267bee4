import { parseParameters } from './parse-parameters.ts';
import {
  describe,
  expectLogicalId,
  expectObject,
  expectScalarString,
  expectString,
  isJsonObject,
  rejectUnknownKeys,
} from './shape.ts';
import { TemplateError } from './template-error.ts';
import type {
  DeletionPolicy,
  JsonObject,
  JsonValue,
  OutputDefinition,
  ResourceDefinition,
  Template,
} from './types.ts';
import { parseYamlTemplate } from './yaml-template.ts';

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html */
const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
]);

/** Resource attributes; CreationPolicy and UpdatePolicy are accepted and not emulated. */
const RESOURCE_KEYS = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'Metadata',
  'CreationPolicy',
  'UpdatePolicy',
]);

const OUTPUT_KEYS = new Set(['Value', 'Export', 'Condition', 'Description']);
const POLICIES: readonly DeletionPolicy[] = ['Delete', 'Retain', 'Snapshot', 'RetainExceptOnCreate'];
/** `AWS::Service::Thing`, `Custom::Name`, or a module/third-party `Org::Service::Thing`. */
const RESOURCE_TYPE = /^([A-Za-z0-9]+::){1,3}[A-Za-z0-9]+$/;

/**
 * Reads a CloudFormation JSON template into a typed model and validates its structure (not its
 * references: those are the graph's job). Every error is a `TemplateError` naming the location.
 * YAML (short-form tags included) is read by yaml-template.ts into the same JSON model.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
 */
export function parseTemplate(text: string, source?: string): Template {
  const where = source ?? 'template';
  const start = text.trimStart();
  if (start === '') throw new TemplateError('', `${where} is empty`);
  if (!start.startsWith('{') && !start.startsWith('['))
    return readTemplate(parseYamlTemplate(text, where), source);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TemplateError('', `${where} is not valid JSON (${(error as Error).message}).`);
  }
  return readTemplate(parsed, source);
}

/** Validates an already-parsed JSON document (e.g. a stored stack's template). */
export function readTemplate(document: unknown, source?: string): Template {
  if (!isJsonObject(document)) {
    throw new TemplateError('', `${source ?? 'template'}: expected a JSON object, got ${describe(document)}`);
  }
  for (const key of Object.keys(document)) {
    if (!SECTIONS.has(key)) {
      throw TemplateError.at(key, `unknown top-level section (allowed: ${[...SECTIONS].join(', ')})`);
    }
  }
  const version = document.AWSTemplateFormatVersion;
  if (version !== undefined && version !== '2010-09-09') {
    throw TemplateError.at(
      'AWSTemplateFormatVersion',
      `unsupported version ${describe(version)}; only '2010-09-09'`,
    );
  }
  if (document.Transform !== undefined) {
    // Transforms (SAM, LanguageExtensions) rewrite the template server-side; refusing beats guessing.
    throw TemplateError.at('Transform', 'transforms are not supported locally; deploy a processed template');
  }
  const parameters = parseParameters(optionalObject(document.Parameters, 'Parameters'));
  const resources = parseResources(document.Resources);
  const names = new Set(parameters.map((p) => p.name));
  for (const resource of resources) {
    if (names.has(resource.logicalId)) {
      throw TemplateError.at(
        `Resources.${resource.logicalId}`,
        'the same logical id is declared as a parameter',
      );
    }
  }
  const conditions = optionalObject(document.Conditions, 'Conditions') ?? {};
  for (const name of Object.keys(conditions)) expectLogicalId(name, `Conditions.${name}`);
  for (const resource of resources)
    checkCondition(resource.condition, conditions, `Resources.${resource.logicalId}`);
  const outputs = parseOutputs(optionalObject(document.Outputs, 'Outputs'));
  for (const output of outputs) checkCondition(output.condition, conditions, `Outputs.${output.logicalId}`);
  const description = document.Description;
  return {
    ...(source === undefined ? {} : { source }),
    document,
    ...(description === undefined ? {} : { description: expectString(description, 'Description') }),
    parameters,
    mappings: parseMappings(optionalObject(document.Mappings, 'Mappings')),
    conditions,
    resources,
    outputs,
  };
}

function parseResources(section: unknown): ResourceDefinition[] {
  if (section === undefined) throw TemplateError.at('Resources', 'the section is required');
  const body = expectObject(section, 'Resources');
  const entries = Object.entries(body);
  if (entries.length === 0) throw TemplateError.at('Resources', 'at least one resource is required');
  return entries.map(([logicalId, raw]) => parseResource(logicalId, raw));
}

function parseResource(logicalId: string, raw: JsonValue): ResourceDefinition {
  const path = `Resources.${logicalId}`;
  expectLogicalId(logicalId, path);
  const body = expectObject(raw, path);
  rejectUnknownKeys(body, RESOURCE_KEYS, path);
  if (body.Type === undefined) throw TemplateError.at(path, 'Type is required');
  const type = expectString(body.Type, `${path}.Type`);
  if (!RESOURCE_TYPE.test(type))
    throw TemplateError.at(`${path}.Type`, `'${type}' is not a resource type name`);
  const properties = body.Properties === undefined ? {} : expectObject(body.Properties, `${path}.Properties`);
  const metadata = body.Metadata === undefined ? undefined : expectObject(body.Metadata, `${path}.Metadata`);
  const condition =
    body.Condition === undefined ? undefined : expectString(body.Condition, `${path}.Condition`);
  return {
    logicalId,
    type,
    properties,
    dependsOn: dependsOn(body.DependsOn, `${path}.DependsOn`),
    ...(condition === undefined ? {} : { condition }),
    deletionPolicy: policy(body.DeletionPolicy, `${path}.DeletionPolicy`),
    updateReplacePolicy: policy(body.UpdateReplacePolicy, `${path}.UpdateReplacePolicy`),
    ...(metadata === undefined ? {} : { metadata }),
  };
}

function dependsOn(value: unknown, path: string): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, index) => expectString(item, Array.isArray(value) ? `${path}.${index}` : path));
}

function policy(value: unknown, path: string): DeletionPolicy {
  if (value === undefined) return 'Delete';
  const text = expectString(value, path);
  const found = POLICIES.find((p) => p === text);
  if (!found) throw TemplateError.at(path, `'${text}' is not one of ${POLICIES.join(', ')}`);
  return found;
}

function parseOutputs(section: JsonObject | undefined): OutputDefinition[] {
  if (!section) return [];
  return Object.entries(section).map(([logicalId, raw]) => {
    const path = `Outputs.${logicalId}`;
    expectLogicalId(logicalId, path);
    const body = expectObject(raw, path);
    rejectUnknownKeys(body, OUTPUT_KEYS, path);
    if (body.Value === undefined) throw TemplateError.at(path, 'Value is required');
    let exportName: JsonValue | undefined;
    if (body.Export !== undefined) {
      const exported = expectObject(body.Export, `${path}.Export`);
      rejectUnknownKeys(exported, new Set(['Name']), `${path}.Export`);
      if (exported.Name === undefined) throw TemplateError.at(`${path}.Export`, 'Name is required');
      exportName = exported.Name;
    }
    const condition =
      body.Condition === undefined ? undefined : expectString(body.Condition, `${path}.Condition`);
    return {
      logicalId,
      value: body.Value,
      ...(exportName === undefined ? {} : { exportName }),
      ...(condition === undefined ? {} : { condition }),
      ...(body.Description === undefined
        ? {}
        : { description: expectScalarString(body.Description, `${path}.Description`) }),
    };
  });
}

function parseMappings(section: JsonObject | undefined): Record<string, Record<string, JsonObject>> {
  const mappings: Record<string, Record<string, JsonObject>> = {};
  for (const [name, raw] of Object.entries(section ?? {})) {
    const path = `Mappings.${name}`;
    const top = expectObject(raw, path);
    const entries: Record<string, JsonObject> = {};
    for (const [key, second] of Object.entries(top)) entries[key] = expectObject(second, `${path}.${key}`);
    mappings[name] = entries;
  }
  return mappings;
}

function checkCondition(name: string | undefined, conditions: JsonObject, path: string): void {
  if (name !== undefined && !Object.hasOwn(conditions, name)) {
    throw TemplateError.at(`${path}.Condition`, `condition '${name}' is not declared in Conditions`);
  }
}

function optionalObject(value: unknown, path: string): JsonObject | undefined {
  return value === undefined ? undefined : expectObject(value, path);
}
