/**
 * What the console needs that no AWS operation answers, read straight from the local engine:
 * the emulated clock (windows and "next firing" are on engine time, which `--time-scale` or a
 * test's virtual clock moves), a rule's next due fire, and SNS deliveries (AWS records them only
 * at the subscriber). Against AWS these would be the wall clock, a computed schedule and nothing.
 */
export interface LocalExtras {
  now(): number;
  nextFireAt(ruleName: string): number | undefined;
  snsDeliveries(topicArn: string): readonly SnsDeliveryView[];
}

export interface SnsDeliveryView {
  readonly timestamp: number;
  readonly subject?: string;
  readonly protocol?: string;
  readonly endpoint?: string;
  readonly status: string;
  readonly message: string;
}
