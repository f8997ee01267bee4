/** What the local SNS keeps: topics, subscriptions, and the record of each publish. */

export interface Subscription {
  readonly subscriptionArn: string;
  readonly topicArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  /** Email endpoints need a confirmation link AWS mails; locally they stay pending and are recorded. */
  readonly pendingConfirmation: boolean;
}

export interface Topic {
  readonly name: string;
  readonly topicArn: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
}

/** What a publish would have sent to one subscription; kept so users and tests can see it. */
export interface Delivery {
  readonly messageId: string;
  readonly topicArn: string;
  readonly subscriptionArn?: string;
  readonly protocol?: string;
  readonly endpoint?: string;
  readonly subject?: string;
  readonly message: string;
  readonly timestamp: number;
  readonly status: 'recorded' | 'delivered' | 'failed';
}
