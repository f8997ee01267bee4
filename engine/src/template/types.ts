/**
 * The typed model of a CloudFormation JSON template, as read by `parseTemplate`: structure only,
 * nothing resolved. Values that may hold intrinsic functions stay `unknown` JSON.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
 */

/** Any JSON value; intrinsic functions are still in it. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html */
export interface ParameterDefinition {
  readonly name: string;
  /** As written: `String`, `Number`, `List<Number>`, `CommaDelimitedList`, `AWS::EC2::VPC::Id`, ... */
  readonly type: string;
  readonly default?: string;
  readonly allowedValues?: readonly string[];
  readonly allowedPattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minValue?: number;
  readonly maxValue?: number;
  readonly noEcho: boolean;
  readonly description?: string;
  readonly constraintDescription?: string;
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html */
export type DeletionPolicy = 'Delete' | 'Retain' | 'Snapshot' | 'RetainExceptOnCreate';

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html */
export interface ResourceDefinition {
  readonly logicalId: string;
  readonly type: string;
  /** Unresolved properties; `{}` when the template has none. */
  readonly properties: JsonObject;
  readonly dependsOn: readonly string[];
  readonly condition?: string;
  readonly deletionPolicy: DeletionPolicy;
  readonly updateReplacePolicy: DeletionPolicy;
  readonly metadata?: JsonObject;
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html */
export interface OutputDefinition {
  readonly logicalId: string;
  readonly value: JsonValue;
  /** Unresolved `Export.Name`. */
  readonly exportName?: JsonValue;
  readonly condition?: string;
  readonly description?: string;
}

export interface Template {
  /** Where it came from (a file path), for error messages. */
  readonly source?: string;
  /** The whole JSON document, kept so a stack can persist and return it (GetTemplate). */
  readonly document: JsonObject;
  readonly description?: string;
  /** In template order. */
  readonly parameters: readonly ParameterDefinition[];
  /** `Mappings.<map>.<top key>.<second key>` → value. */
  readonly mappings: Readonly<Record<string, Readonly<Record<string, JsonObject>>>>;
  /** Unevaluated condition expressions, in template order. */
  readonly conditions: Readonly<Record<string, JsonValue>>;
  /** In template order (ties in the deploy order follow it). */
  readonly resources: readonly ResourceDefinition[];
  readonly outputs: readonly OutputDefinition[];
}
