import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type AccountContext, arn } from '../../runtime/account.ts';
import type { Clock } from '../../runtime/clock.ts';
import { StateFile } from '../../runtime/state-file.ts';
import { objectWith } from '../../runtime/state-file-error.ts';
import { snsErrors } from './errors.ts';
import type { Delivery, Subscription, Topic } from './model.ts';

export interface SnsServiceOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly account: AccountContext;
  /** Delivers to an SQS subscription (queue ARN); other protocols are recorded only. */
  readonly sendToQueue?: (queueArn: string, body: string) => Promise<void>;
}

interface PersistedState {
  topics: Record<string, Topic>;
  subscriptions: Subscription[];
  deliveries: Delivery[];
}

const MAX_DELIVERIES = 1_000;

/**
 * SNS topics and subscriptions. The local cloud cannot send mail or SMS: every publish is recorded
 * per subscription (and per topic when nobody subscribes) where `tapstack status` and tests read it.
 * https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
 */
export class SnsService {
  private readonly state: StateFile<PersistedState>;
  private readonly data: PersistedState;

  constructor(private readonly options: SnsServiceOptions) {
    this.state = new StateFile(
      join(options.dataDir, 'sns.json'),
      () => ({
        topics: {},
        subscriptions: [],
        deliveries: [],
      }),
      objectWith({ topics: 'object', subscriptions: 'list', deliveries: 'list' }),
    );
    this.data = this.state.load();
  }

  createTopic(input: {
    name: string;
    attributes?: Record<string, string>;
    tags?: Record<string, string>;
  }): Topic {
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(input.name)) {
      throw snsErrors.invalidTopicName(input.name);
    }
    const topicArn = arn(this.options.account, 'sns', input.name);
    const topic = this.data.topics[topicArn] ?? { name: input.name, topicArn, attributes: {}, tags: {} };
    topic.attributes = { ...topic.attributes, ...(input.attributes ?? {}) };
    topic.tags = { ...topic.tags, ...(input.tags ?? {}) };
    this.data.topics[topicArn] = topic;
    this.save();
    return topic;
  }

  deleteTopic(topicArn: string): void {
    delete this.data.topics[topicArn];
    this.data.subscriptions = this.data.subscriptions.filter((s) => s.topicArn !== topicArn);
    this.save();
  }

  /** SetTopicAttributes; `undefined` removes the attribute. */
  setTopicAttribute(topicArn: string, name: string, value: string | undefined): void {
    const topic = this.requireTopic(topicArn);
    if (value === undefined) delete topic.attributes[name];
    else topic.attributes[name] = value;
    this.save();
  }

  listTopics(): Topic[] {
    return Object.values(this.data.topics);
  }

  subscribe(input: { topicArn: string; protocol: string; endpoint: string }): Subscription {
    this.requireTopic(input.topicArn);
    const pendingConfirmation = input.protocol === 'email' || input.protocol === 'email-json';
    const subscription: Subscription = {
      subscriptionArn: `${input.topicArn}:${randomUUID()}`,
      topicArn: input.topicArn,
      protocol: input.protocol,
      endpoint: input.endpoint,
      pendingConfirmation,
    };
    this.data.subscriptions.push(subscription);
    this.save();
    return subscription;
  }

  unsubscribe(subscriptionArn: string): void {
    this.data.subscriptions = this.data.subscriptions.filter((s) => s.subscriptionArn !== subscriptionArn);
    this.save();
  }

  /** The topic, or NotFound as SNS answers an unknown topic ARN. */
  getTopic(topicArn: string): Topic {
    return this.requireTopic(topicArn);
  }

  listSubscriptions(): Subscription[] {
    return [...this.data.subscriptions];
  }

  listSubscriptionsByTopic(topicArn: string): Subscription[] {
    return this.data.subscriptions.filter((s) => s.topicArn === topicArn);
  }

  async publish(input: {
    topicArn: string;
    message: string;
    subject?: string;
  }): Promise<{ messageId: string }> {
    this.requireTopic(input.topicArn);
    const messageId = randomUUID();
    const base = {
      messageId,
      topicArn: input.topicArn,
      message: input.message,
      timestamp: this.options.clock.now(),
      ...(input.subject ? { subject: input.subject } : {}),
    };
    const subscriptions = this.listSubscriptionsByTopic(input.topicArn);
    if (subscriptions.length === 0) this.data.deliveries.push({ ...base, status: 'recorded' });
    for (const subscription of subscriptions) {
      let status: Delivery['status'] = 'recorded';
      if (subscription.protocol === 'sqs' && this.options.sendToQueue) {
        try {
          await this.options.sendToQueue(subscription.endpoint, input.message);
          status = 'delivered';
        } catch {
          status = 'failed';
        }
      }
      this.data.deliveries.push({
        ...base,
        subscriptionArn: subscription.subscriptionArn,
        protocol: subscription.protocol,
        endpoint: subscription.endpoint,
        status,
      });
    }
    if (this.data.deliveries.length > MAX_DELIVERIES)
      this.data.deliveries.splice(0, this.data.deliveries.length - MAX_DELIVERIES);
    this.save();
    return { messageId };
  }

  listDeliveries(topicArn?: string): Delivery[] {
    return this.data.deliveries.filter((d) => !topicArn || d.topicArn === topicArn);
  }

  private requireTopic(topicArn: string): Topic {
    const topic = this.data.topics[topicArn];
    if (!topic) throw snsErrors.notFound(topicArn);
    return topic;
  }

  private save(): void {
    this.state.save(this.data);
  }
}
