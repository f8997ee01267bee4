import { sqsErrors } from './errors.ts';
import type { QueueState } from './model.ts';

/**
 * Settable queue attributes as data: kind, bounds and default.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
 */
interface AttributeDefinition {
  readonly kind: 'integer' | 'boolean' | 'json' | 'string';
  readonly min?: number;
  readonly max?: number;
  readonly default?: string;
}

export const SETTABLE_ATTRIBUTES: Readonly<Record<string, AttributeDefinition>> = {
  DelaySeconds: { kind: 'integer', min: 0, max: 900, default: '0' },
  // 1 MiB since Aug 2025 (the SDK's CreateQueue documentation states the default).
  MaximumMessageSize: { kind: 'integer', min: 1024, max: 1_048_576, default: '1048576' },
  MessageRetentionPeriod: { kind: 'integer', min: 60, max: 1_209_600, default: '345600' },
  ReceiveMessageWaitTimeSeconds: { kind: 'integer', min: 0, max: 20, default: '0' },
  VisibilityTimeout: { kind: 'integer', min: 0, max: 43_200, default: '30' },
  Policy: { kind: 'json' },
  RedrivePolicy: { kind: 'json' },
  RedriveAllowPolicy: { kind: 'json' },
  KmsMasterKeyId: { kind: 'string' },
  KmsDataKeyReusePeriodSeconds: { kind: 'integer', min: 60, max: 86_400 },
  SqsManagedSseEnabled: { kind: 'boolean' },
};

/** Attributes SQS computes; readable, never settable. */
export const COMPUTED_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

const FIFO_ATTRIBUTES = [
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
];

/** Checks attributes to be set and returns the ones to store. */
export function checkAttributes(attributes: Readonly<Record<string, unknown>>): Record<string, string> {
  const accepted: Record<string, string> = {};
  for (const [name, raw] of Object.entries(attributes)) {
    if (typeof raw !== 'string')
      throw sqsErrors.invalidAttributeValue(`Invalid value for the parameter ${name}.`);
    if (FIFO_ATTRIBUTES.includes(name)) {
      // A standard queue may say FifoQueue=false (CloudFormation does); FIFO itself is not emulated.
      if (name === 'FifoQueue' && raw === 'false') continue;
      throw sqsErrors.unsupportedOperation(`FIFO queues (attribute ${name})`);
    }
    const definition = SETTABLE_ATTRIBUTES[name];
    if (!definition) throw sqsErrors.invalidAttributeName(name);
    const problem = valueProblem(definition, raw);
    if (problem)
      throw sqsErrors.invalidAttributeValue(`Invalid value for the parameter ${name}. Reason: ${problem}`);
    accepted[name] = raw;
  }
  if (accepted.KmsMasterKeyId && accepted.SqsManagedSseEnabled === 'true') {
    throw sqsErrors.invalidAttributeValue(
      'You can use one type of server-side encryption (SSE) at one time.',
    );
  }
  if (accepted.RedrivePolicy) checkRedrivePolicy(accepted.RedrivePolicy);
  return accepted;
}

function valueProblem(definition: AttributeDefinition, raw: string): string | undefined {
  // An empty Policy, RedrivePolicy or KmsMasterKeyId removes the setting.
  if (raw === '' && (definition.kind === 'json' || definition.kind === 'string')) return undefined;
  switch (definition.kind) {
    case 'integer': {
      if (!/^\d+$/.test(raw)) return 'must be an integer';
      const value = Number(raw);
      if (value < (definition.min ?? 0) || value > (definition.max ?? Number.MAX_SAFE_INTEGER)) {
        return `must be between ${definition.min} and ${definition.max}`;
      }
      return undefined;
    }
    case 'boolean':
      return raw === 'true' || raw === 'false' ? undefined : 'must be true or false';
    case 'json':
      try {
        JSON.parse(raw);
        return undefined;
      } catch {
        return 'must be valid JSON';
      }
    case 'string':
      return undefined;
  }
}

function checkRedrivePolicy(text: string): void {
  const policy = JSON.parse(text) as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  const count = Number(policy.maxReceiveCount);
  if (
    typeof policy.deadLetterTargetArn !== 'string' ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > 1000
  ) {
    throw sqsErrors.invalidAttributeValue(
      'Value for parameter RedrivePolicy is invalid. Reason: Redrive policy needs deadLetterTargetArn and maxReceiveCount (1 to 1000).',
    );
  }
}

/** The stored attributes with defaults applied, as GetQueueAttributes reports them. */
export function effectiveAttributes(queue: QueueState): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, definition] of Object.entries(SETTABLE_ATTRIBUTES)) {
    const value = queue.attributes[name] ?? definition.default;
    if (value !== undefined) values[name] = value;
  }
  if (values.KmsMasterKeyId) {
    values.KmsDataKeyReusePeriodSeconds ??= '300';
    delete values.SqsManagedSseEnabled;
  } else {
    // SSE-SQS is on by default for new queues since 2022.
    values.SqsManagedSseEnabled ??= 'true';
  }
  return values;
}

/** An integer attribute's effective value. */
export const numericAttribute = (queue: QueueState, name: keyof typeof SETTABLE_ATTRIBUTES): number =>
  Number(effectiveAttributes(queue)[name]);
