import type {
  ChangeMessageVisibilityRequest,
  CreateQueueRequest,
  DeleteMessageBatchRequest,
  DeleteMessageRequest,
  DeleteQueueRequest,
  GetQueueAttributesRequest,
  GetQueueUrlRequest,
  ListQueuesRequest,
  PurgeQueueRequest,
  ReceiveMessageRequest,
  SendMessageBatchRequest,
  SendMessageRequest,
  SetQueueAttributesRequest,
} from '@aws-sdk/client-sqs';
import type { RequestContext, TypedOperation } from '../../protocol/operation.ts';
import type { InputSchema } from '../../protocol/validation.ts';
import { type AccountContext, DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { guard } from '../../runtime/background-task.ts';
import type { Clock, TimerHandle } from '../../runtime/clock.ts';
import type { MetricSink } from '../cloudwatch/metric-sink.ts';
import { ArrivalSignals } from './arrival-signals.ts';
import { messageCounts } from './message-counts.ts';
import { type SqsOperationTable, sqsOperationTable } from './operation-table.ts';
import type { ReceivedMessage } from './operations/receive-message.ts';
import { enqueue, type MessageToSend, type SendMessageResult } from './operations/send-message.ts';
import { queueArn, resolveQueueArn } from './queues.ts';
import { SqsStore } from './store.ts';

export interface SqsServiceOptions {
  /** The service's data directory; queues and their messages live under it. */
  readonly dataDir: string;
  readonly clock: Clock;
  readonly account?: AccountContext;
  /** The endpoint queue URLs start with (`http://127.0.0.1:4566`); a function when the port is known late. */
  readonly endpointUrl: string | (() => string);
  /** Where AWS/SQS metrics go (ApproximateNumberOfMessagesVisible once per emulated minute). */
  readonly metrics?: MetricSink;
}

const MINUTE_MS = 60_000;

/** What every SQS operation shares. */
export interface SqsContext {
  readonly store: SqsStore;
  readonly clock: Clock;
  readonly account: AccountContext;
  readonly signals: ArrivalSignals;
  /** The endpoint queue URLs start with, e.g. `http://127.0.0.1:4566` (no trailing slash). */
  readonly endpointUrl: () => string;
}

/**
 * The local SQS (standard queues). `operations` is the table the edge dispatches into; the typed
 * methods run the same operations in process (providers, other services) with the JSON protocol's
 * request shapes (`@aws-sdk/client-sqs` types), validated the same way.
 */
export class SqsService {
  readonly account: AccountContext;
  readonly operations: SqsOperationTable;
  private readonly ctx: SqsContext;
  private readonly metrics: MetricSink | undefined;
  private ticker: TimerHandle | undefined;

  constructor(options: SqsServiceOptions) {
    this.account = options.account ?? DEFAULT_ACCOUNT;
    const endpoint = options.endpointUrl;
    this.ctx = {
      store: new SqsStore(options.dataDir),
      clock: options.clock,
      account: this.account,
      signals: new ArrivalSignals(options.clock),
      endpointUrl: () => (typeof endpoint === 'string' ? endpoint : endpoint()).replace(/\/+$/, ''),
    };
    this.metrics = options.metrics;
    this.operations = sqsOperationTable(this.ctx);
  }

  /** Starts the per-minute tick: retention sweep and queue-depth metrics. */
  start(): void {
    if (this.ticker) return;
    const tick = (): void => {
      void guard('SQS retention sweep', () => this.tick());
      this.ticker = this.ctx.clock.setTimer(tick, MINUTE_MS);
    };
    this.ticker = this.ctx.clock.setTimer(tick, MINUTE_MS);
  }

  /** Stops the tick and releases long-polling receives (they return what they have). */
  stop(): void {
    this.ticker?.cancel();
    this.ticker = undefined;
    this.ctx.signals.close();
  }

  createQueue(input: CreateQueueRequest): { QueueUrl: string } {
    return this.call(this.operations.CreateQueue, input);
  }
  deleteQueue(input: DeleteQueueRequest): Record<string, never> {
    return this.call(this.operations.DeleteQueue, input);
  }
  getQueueUrl(input: GetQueueUrlRequest): { QueueUrl: string } {
    return this.call(this.operations.GetQueueUrl, input);
  }
  listQueues(input: ListQueuesRequest = {}): { QueueUrls?: string[]; NextToken?: string } {
    return this.call(this.operations.ListQueues, input);
  }
  getQueueAttributes(input: GetQueueAttributesRequest): { Attributes?: Record<string, string> } {
    return this.call(this.operations.GetQueueAttributes, input);
  }
  setQueueAttributes(input: SetQueueAttributesRequest): Record<string, never> {
    return this.call(this.operations.SetQueueAttributes, input);
  }
  /** The SenderId attribute is the account, as for a root caller on the endpoint. */
  sendMessage(input: SendMessageRequest): SendMessageResult {
    return this.call(this.operations.SendMessage, input);
  }
  sendMessageBatch(
    input: SendMessageBatchRequest,
  ): ReturnType<SqsOperationTable['SendMessageBatch']['handle']> {
    return this.call(this.operations.SendMessageBatch, input);
  }
  receiveMessage(input: ReceiveMessageRequest): Promise<{ Messages?: ReceivedMessage[] }> {
    return this.call(this.operations.ReceiveMessage, input);
  }
  deleteMessage(input: DeleteMessageRequest): Record<string, never> {
    return this.call(this.operations.DeleteMessage, input);
  }
  deleteMessageBatch(
    input: DeleteMessageBatchRequest,
  ): ReturnType<SqsOperationTable['DeleteMessageBatch']['handle']> {
    return this.call(this.operations.DeleteMessageBatch, input);
  }
  changeMessageVisibility(input: ChangeMessageVisibilityRequest): Record<string, never> {
    return this.call(this.operations.ChangeMessageVisibility, input);
  }
  purgeQueue(input: PurgeQueueRequest): Record<string, never> {
    return this.call(this.operations.PurgeQueue, input);
  }

  /**
   * In-process send by queue ARN, for services that deliver to queues (Lambda dead-letter queues,
   * destinations). Throws QueueDoesNotExist when the ARN names no queue.
   */
  sendMessageToArn(targetArn: string, message: MessageToSend, senderId?: string): SendMessageResult {
    return enqueue(this.ctx, resolveQueueArn(this.ctx, targetArn), message, senderId);
  }

  /** The ARN of a queue by name (for providers' Fn::GetAtt QueueArn). */
  queueArn(name: string): string {
    return queueArn(this.ctx, name);
  }

  /** Validates and runs one operation in process, as a root caller of this account. */
  private call<S extends InputSchema, R>(operation: TypedOperation<S, R>, raw: unknown): R {
    const request: RequestContext = {
      requestId: '',
      region: this.account.region,
      accountId: this.account.accountId,
      caller: { accessKeyId: '', kind: 'root' },
    };
    return operation.handle(operation.parse(raw, ''), request);
  }

  private tick(): void {
    const now = this.ctx.clock.now();
    for (const name of this.ctx.store.names()) {
      const queue = this.ctx.store.find(name);
      if (!queue) continue;
      this.ctx.store.dropExpired(queue, now);
      this.metrics?.putMetric({
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: name },
        value: messageCounts(queue, now).visible,
        unit: 'Count',
        timestamp: now,
      });
    }
  }
}
