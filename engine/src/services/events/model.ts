/** EventBridge's stored rules and the event a schedule delivers. */
export interface RuleTarget {
  readonly id: string;
  readonly arn: string;
  readonly input?: string;
  /** Where an event goes when it cannot be delivered to this target (an SQS queue ARN). */
  readonly deadLetterArn?: string;
  /** Delivery attempts after the first failure (AWS default 185; capped locally, see LIMITATIONS). */
  readonly maximumRetryAttempts?: number;
  /** The RetryPolicy's event age limit, reported back by ListTargetsByRule. */
  readonly maximumEventAgeInSeconds?: number;
}

export interface Rule {
  readonly name: string;
  readonly arn: string;
  scheduleExpression?: string;
  eventPattern?: string;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  targets: RuleTarget[];
  /** When the schedule's period count starts (rule creation), as AWS anchors rate(). */
  anchor: number;
  /** The next due fire, persisted so a restart neither skips nor repeats it. */
  nextFireAt?: number;
  lastFiredAt?: number;
}

export interface ScheduledEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': 'Scheduled Event';
  readonly source: 'aws.events';
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Record<string, never>;
}
