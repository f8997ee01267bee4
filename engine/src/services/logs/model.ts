/** CloudWatch Logs' stored groups and their subscription filters (events live in stream-store.ts). */
export interface SubscriptionFilter {
  readonly filterName: string;
  readonly filterPattern: string;
  readonly destinationArn: string;
  readonly roleArn?: string;
  readonly creationTime: number;
}

export interface LogGroup {
  readonly logGroupName: string;
  readonly creationTime: number;
  retentionInDays?: number;
  subscriptionFilters: SubscriptionFilter[];
  tags: Record<string, string>;
}
