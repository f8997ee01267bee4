import { sqsErrors } from './errors.ts';
import type { MessageAttributeValue } from './model.ts';

/**
 * Message attribute and body rules.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
 */
const MAX_ATTRIBUTES = 10;
const NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\.[^\s]{1,250})?$/;
// The characters SQS accepts in bodies and string values (XML 1.0 characters).
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function checkBody(body: string): void {
  if (body.length === 0)
    throw sqsErrors.invalidParameterValue('The message body must be at least one character long.');
  if (INVALID_CHARACTER.test(body)) {
    throw sqsErrors.invalidMessageContents(
      'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    );
  }
}

/** Validates attributes and returns them in the stored shape plus the bytes they count for the size limit. */
export function checkMessageAttributes(raw: Readonly<Record<string, unknown>>): {
  attributes: Record<string, MessageAttributeValue>;
  bytes: number;
} {
  const entries = Object.entries(raw);
  if (entries.length > MAX_ATTRIBUTES) {
    throw sqsErrors.invalidParameterValue(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  }
  const attributes: Record<string, MessageAttributeValue> = {};
  let bytes = 0;
  for (const [name, value] of entries) {
    const problem = nameProblem(name);
    if (problem)
      throw sqsErrors.invalidParameterValue(`Message attribute name '${name}' is invalid: ${problem}`);
    const attribute = checkValue(name, value);
    attributes[name] = attribute;
    bytes +=
      Buffer.byteLength(name) +
      Buffer.byteLength(attribute.DataType) +
      (attribute.BinaryValue !== undefined
        ? Buffer.from(attribute.BinaryValue, 'base64').length
        : Buffer.byteLength(attribute.StringValue ?? ''));
  }
  return { attributes, bytes };
}

function nameProblem(name: string): string | undefined {
  if (!NAME.test(name)) return 'use up to 256 letters, digits, underscores, hyphens and periods';
  if (/^(aws|amazon)\./i.test(name)) return 'the AWS. and Amazon. prefixes are reserved';
  if (name.startsWith('.') || name.endsWith('.') || name.includes('..'))
    return 'periods may not lead, trail or repeat';
  return undefined;
}

function checkValue(name: string, value: unknown): MessageAttributeValue {
  if (typeof value !== 'object' || value === null)
    throw sqsErrors.invalidParameterValue(`Message attribute '${name}' must be an object.`);
  const { DataType, StringValue, BinaryValue } = value as Record<string, unknown>;
  if (typeof DataType !== 'string' || !DATA_TYPE.test(DataType)) {
    throw sqsErrors.invalidParameterValue(
      `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
    );
  }
  if (DataType.startsWith('Binary')) {
    if (typeof BinaryValue !== 'string' || BinaryValue === '') {
      throw sqsErrors.invalidParameterValue(
        `The message attribute '${name}' with type 'Binary' must use field 'Binary'.`,
      );
    }
    return { DataType, BinaryValue };
  }
  if (typeof StringValue !== 'string' || StringValue === '') {
    throw sqsErrors.invalidParameterValue(
      `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${DataType}'.`,
    );
  }
  if (INVALID_CHARACTER.test(StringValue))
    throw sqsErrors.invalidMessageContents(`Invalid characters in message attribute '${name}'.`);
  if (DataType.startsWith('Number') && !isSqsNumber(StringValue)) {
    throw sqsErrors.invalidParameterValue(
      `Can't cast the value of message (user) attribute '${name}' to a number.`,
    );
  }
  return { DataType, StringValue };
}

/** Up to 38 significant digits, between -10^128 and 10^126. */
function isSqsNumber(text: string): boolean {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return false;
  const digits = text
    .replace(/[eE].*$/, '')
    .replace(/[^0-9]/g, '')
    .replace(/^0+/, '');
  const value = Number(text);
  return digits.length <= 38 && value > -1e128 && value < 1e126;
}
