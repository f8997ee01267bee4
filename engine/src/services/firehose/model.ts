import type { S3Destination } from './destination.ts';

/** A delivery stream as stored. https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeliveryStreamDescription.html */
export interface StreamState {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: number;
  /** Starts at 1; part of every object name. */
  readonly version: number;
  readonly destination: S3Destination;
  readonly tags: Readonly<Record<string, string>>;
}
