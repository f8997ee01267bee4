import { randomUUID } from 'node:crypto';
import type { AccountContext } from '../../runtime/account.ts';

/**
 * One PutEvents entry turned into the event EventBridge delivers, or the per-entry failure
 * PutEvents reports (the call itself succeeds; FailedEntryCount counts these).
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsRequestEntry.html
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html
 */
export interface PutEventsEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly Resources?: readonly string[];
  /** Epoch seconds, as the JSON protocol carries timestamps. */
  readonly Time?: number;
  readonly EventBusName?: string;
}

export type PutEventsResultEntry =
  | { readonly EventId: string }
  | { readonly ErrorCode: string; readonly ErrorMessage: string };

export interface DeliveredEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

const failure = (code: string, message: string) => ({ failure: { ErrorCode: code, ErrorMessage: message } });

const missing = (name: string) =>
  failure('InvalidArgument', `Parameter ${name} is not valid. Reason: ${name} is a required argument.`);

export function buildEvent(
  entry: PutEventsEntry,
  account: AccountContext,
  nowMs: number,
): { event: DeliveredEvent; failure?: undefined } | { event?: undefined; failure: PutEventsResultEntry } {
  const bus = entry.EventBusName;
  if (bus !== undefined && bus !== 'default' && !bus.endsWith(':event-bus/default'))
    return failure(
      'InvalidArgument',
      `Event bus ${bus} does not exist (only the default bus is emulated locally).`,
    );
  if (!entry.Source) return missing('Source');
  if (!entry.DetailType) return missing('DetailType');
  if (entry.Detail === undefined) return missing('Detail');
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    return failure('MalformedDetail', 'Detail is malformed.');
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail))
    return failure('MalformedDetail', 'Detail is malformed.');
  const at = entry.Time === undefined ? nowMs : entry.Time * 1000;
  return {
    event: {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: account.accountId,
      time: new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      region: account.region,
      resources: entry.Resources ?? [],
      detail: detail as Record<string, unknown>,
    },
  };
}
