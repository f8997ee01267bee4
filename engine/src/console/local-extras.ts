/**
 * What the console needs that no AWS operation answers, read straight from the local engine:
 * the emulated clock (windows and "next firing" are on engine time, which `--time-scale` or a
 * test's virtual clock moves), a rule's next due fire, and SNS deliveries (AWS records them only
 * at the subscriber). Against AWS these would be the wall clock, a computed schedule and nothing.
 */
import type { StoredItemListener } from '../services/dynamodb/index.ts';

export interface LocalExtras {
  now(): number;
  nextFireAt(ruleName: string): number | undefined;
  snsDeliveries(topicArn: string): readonly SnsDeliveryView[];
  /**
   * Tells `listener` each item the engine's DynamoDB stores from now on (in DynamoDB's JSON form),
   * until the returned function is called: what a DynamoDB stream's NEW_IMAGE records would say,
   * without a stream on the table. The listener runs on the write's path and must be quick. Against
   * AWS there is none, and the live Requests feed reads the table instead (requests-feed.ts).
   */
  watchStoredItems?(listener: StoredItemListener): () => void;
}

export interface SnsDeliveryView {
  readonly timestamp: number;
  readonly subject?: string;
  readonly protocol?: string;
  readonly endpoint?: string;
  readonly status: string;
  readonly message: string;
}
