/**
 * Documented local deviations of the deploy engine from CloudFormation, kept in one place.
 *
 * LIMITATIONS (what the deploy engine does not emulate):
 * - JSON templates only; no YAML, no Transform (SAM, LanguageExtensions), no Rules evaluation,
 *   no nested stacks, no change sets, no stack policies, no drift detection.
 * - CreationPolicy, UpdatePolicy and DeletionPolicy Snapshot are accepted and ignored (Snapshot
 *   deletes like Delete); SSM parameter types are not looked up (their value is the parameter's own text).
 * - Resources are provisioned one at a time in dependency order (CloudFormation works in parallel);
 *   events therefore come in a deterministic order.
 * - A stack in ROLLBACK_COMPLETE (or left failed) is deleted and created afresh by the next deploy,
 *   as `cdk deploy` does, instead of refusing the update as UpdateStack would.
 * - A deleted stack is forgotten at once (AWS keeps DELETE_COMPLETE stacks visible by id for 90 days).
 * - Fn::GetAZs returns `<region>a`, `b`, `c`; AWS::NotificationARNs is always empty.
 */

/**
 * Rewrites an output value before it is stored and exported, for example to turn an
 * `execute-api` URL into the local listener's URL. The lead registers the actual rules; the
 * deploy engine only calls the hook. Returning `value` unchanged is always allowed.
 */
export type OutputRewriter = (outputKey: string, value: string, stackName: string) => string;

export const keepOutput: OutputRewriter = (_key, value) => value;
