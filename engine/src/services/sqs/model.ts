/** The SQS service's stored shapes, in the JSON protocol's member names where they cross the wire. */

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_MessageAttributeValue.html */
export interface MessageAttributeValue {
  /** `String`, `Number`, `Binary`, optionally with a custom suffix (`Number.int`). */
  readonly DataType: string;
  readonly StringValue?: string;
  /** Base64 in the JSON protocol and here. */
  readonly BinaryValue?: string;
}

export interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly messageAttributes?: Readonly<Record<string, MessageAttributeValue>>;
  readonly md5OfMessageAttributes?: string;
  readonly systemAttributes?: Readonly<Record<string, MessageAttributeValue>>;
  readonly senderId: string;
  /** When it was sent (ms); retention counts from here. */
  readonly sentAt: number;
  /** Not receivable before this time (delay, then visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The token inside the latest receipt handle; older handles no longer delete the message. */
  receiptToken?: string;
}

export interface QueueState {
  readonly name: string;
  readonly createdAt: number;
  lastModifiedAt: number;
  /** Attributes the caller set, as strings (defaults are applied when read). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  messages: StoredMessage[];
  lastPurgedAt?: number;
}
