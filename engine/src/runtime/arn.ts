/**
 * ARNs and the names inside them, read one way everywhere instead of by hand-written slices.
 * Format: `arn:partition:service:region:account-id:resource`, where the resource part is
 * `type/name`, `type:name` or a bare name depending on the service
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
 */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  /** Everything after the fifth colon, e.g. `table/requests/index/ByTime` or `my-queue`. */
  readonly resource: string;
}

/** The parts of an ARN, or undefined when `value` is not one (fewer than six colon-separated parts). */
export function parseArn(value: string): Arn | undefined {
  if (!value.startsWith('arn:')) return undefined;
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  const [, partition = '', service = '', region = '', accountId = ''] = parts;
  return { partition, service, region, accountId, resource: parts.slice(5).join(':') };
}

/**
 * The name an ARN's resource part ends with: `role/path/name` -> `name`,
 * `deliverystream/s` -> `s`, `function:f` -> `f`, a bare `queue-name` -> itself.
 * A value that is not an ARN is returned unchanged, so a parameter that takes
 * "a name or an ARN" (DynamoDB's TableName, SQS's QueueUrl tail) reads through one call.
 */
export function arnResourceName(value: string): string {
  const arn = parseArn(value);
  if (!arn) return value;
  const { resource } = arn;
  const cut = Math.max(resource.lastIndexOf('/'), resource.lastIndexOf(':'));
  return cut < 0 ? resource : resource.slice(cut + 1);
}

/** The queue name at the end of an SQS queue URL (`http://host/000000000000/name` -> `name`). */
export const queueNameOfUrl = (url: string): string => url.slice(url.lastIndexOf('/') + 1);
