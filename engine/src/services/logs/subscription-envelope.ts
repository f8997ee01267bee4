import { gzipSync } from 'node:zlib';
import type { StoredEvent } from './stream-store.ts';

/**
 * The payload CloudWatch Logs sends to a subscription destination: gzip-compressed JSON.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
 */
export interface SubscriptionEnvelope {
  readonly messageType: 'DATA_MESSAGE';
  readonly owner: string;
  readonly logGroup: string;
  readonly logStream: string;
  readonly subscriptionFilters: readonly string[];
  readonly logEvents: readonly { id: string; timestamp: number; message: string }[];
}

export function buildEnvelope(
  owner: string,
  logGroup: string,
  logStream: string,
  filterName: string,
  events: readonly StoredEvent[],
  firstSequence: number,
): Buffer {
  const envelope: SubscriptionEnvelope = {
    messageType: 'DATA_MESSAGE',
    owner,
    logGroup,
    logStream,
    subscriptionFilters: [filterName],
    logEvents: events.map((event, index) => ({
      // AWS ids are 56-digit decimal strings; ours are unique and ordered, which is what consumers use.
      id: String(firstSequence + index).padStart(56, '0'),
      timestamp: event.timestamp,
      message: event.message,
    })),
  };
  return gzipSync(JSON.stringify(envelope));
}
