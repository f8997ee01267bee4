import type { AccountContext } from '../runtime/account.ts';
import type { ParameterValue } from '../template/parameters.ts';
import type { Template } from '../template/types.ts';

/**
 * `AWS::NoValue`: a property or list element that resolves to it is removed.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html#cfn-pseudo-param-novalue
 */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type NoValue = typeof NO_VALUE;

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html */
export interface PseudoParameters {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** `amazonaws.com`, or `amazonaws.com.cn` in the China partition. */
  readonly urlSuffix: string;
  readonly stackName: string;
  readonly stackId: string;
  readonly notificationArns: readonly string[];
}

/**
 * Everything a resolver may read. The deploy layer supplies resource values; the resolvers stay
 * pure. A lookup returning `undefined` becomes an `IntrinsicError` naming the path; a lookup may
 * instead throw its own `AwsError` (e.g. "attribute not supported by the provider"), passed through.
 */
export interface ResolutionContext {
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly pseudo: PseudoParameters;
  /** Evaluated conditions by name. */
  readonly conditions: Readonly<Record<string, boolean>>;
  readonly mappings: Template['mappings'];
  /** What `Ref` returns for a resource, or undefined when it does not exist (yet). */
  resourcePhysicalId(logicalId: string): string | undefined;
  /** What `Fn::GetAtt` returns, or undefined when the resource or attribute is unknown. */
  resourceAttribute(logicalId: string, attribute: string): unknown;
  /** The value of another stack's export, or undefined when no stack exports that name. */
  importValue(name: string): string | undefined;
}

export function pseudoParameters(
  account: AccountContext,
  stackName: string,
  stackId: string,
): PseudoParameters {
  return {
    accountId: account.accountId,
    region: account.region,
    partition: account.partition,
    urlSuffix: account.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
    stackName,
    stackId,
    notificationArns: [],
  };
}

/** `Ref` to a pseudo parameter, by name; `AWS::NoValue` is handled by the resolver itself. */
export const PSEUDO_REFS: Readonly<Record<string, (pseudo: PseudoParameters) => string | readonly string[]>> =
  {
    'AWS::AccountId': (p) => p.accountId,
    'AWS::Region': (p) => p.region,
    'AWS::Partition': (p) => p.partition,
    'AWS::URLSuffix': (p) => p.urlSuffix,
    'AWS::StackName': (p) => p.stackName,
    'AWS::StackId': (p) => p.stackId,
    'AWS::NotificationARNs': (p) => p.notificationArns,
  };

export const isPseudoParameter = (name: string): boolean =>
  name === 'AWS::NoValue' || Object.hasOwn(PSEUDO_REFS, name);
