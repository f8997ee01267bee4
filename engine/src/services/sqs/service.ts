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
import { type AccountContext, DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { guard } from '../../runtime/background-task.ts';
import type { Clock, TimerHandle } from '../../runtime/clock.ts';
import type { MetricSink } from '../cloudwatch/metric-sink.ts';
import { ArrivalSignals } from './arrival-signals.ts';
import { queueArn, resolveQueueArn, type SqsContext } from './context.ts';
import { OPERATION_TABLE, type SqsOperationName } from './operation-table.ts';
import { changeMessageVisibility } from './operations/change-message-visibility.ts';
import { createQueue } from './operations/create-queue.ts';
import { deleteMessage, deleteMessageBatch } from './operations/delete-message.ts';
import { deleteQueue } from './operations/delete-queue.ts';
import { getQueueUrl } from './operations/get-queue-url.ts';
import { listQueues } from './operations/list-queues.ts';
import { purgeQueue } from './operations/purge-queue.ts';
import { getQueueAttributes, messageCounts, setQueueAttributes } from './operations/queue-attributes.ts';
import { type ReceivedMessage, receiveMessage } from './operations/receive-message.ts';
import {
  enqueue,
  type MessageToSend,
  type SendMessageResult,
  sendMessage,
} from './operations/send-message.ts';
import { sendMessageBatch } from './operations/send-message-batch.ts';
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

/**
 * The local SQS (standard queues). Typed operations take the JSON protocol's request shapes
 * (`@aws-sdk/client-sqs` types) and return its response shapes, so the wire layer is a pass-through.
 */
export class SqsService {
  readonly account: AccountContext;
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
    return createQueue(this.ctx, input);
  }
  deleteQueue(input: DeleteQueueRequest): Record<string, never> {
    return deleteQueue(this.ctx, input);
  }
  getQueueUrl(input: GetQueueUrlRequest): { QueueUrl: string } {
    return getQueueUrl(this.ctx, input);
  }
  listQueues(input: ListQueuesRequest = {}): { QueueUrls?: string[]; NextToken?: string } {
    return listQueues(this.ctx, input);
  }
  getQueueAttributes(input: GetQueueAttributesRequest): { Attributes?: Record<string, string> } {
    return getQueueAttributes(this.ctx, input);
  }
  setQueueAttributes(input: SetQueueAttributesRequest): Record<string, never> {
    return setQueueAttributes(this.ctx, input);
  }
  /** `senderId` is the caller's account or principal id, reported as the SenderId attribute. */
  sendMessage(input: SendMessageRequest, senderId?: string): SendMessageResult {
    return sendMessage(this.ctx, input, senderId);
  }
  sendMessageBatch(input: SendMessageBatchRequest, senderId?: string): ReturnType<typeof sendMessageBatch> {
    return sendMessageBatch(this.ctx, input, senderId);
  }
  receiveMessage(input: ReceiveMessageRequest): Promise<{ Messages?: ReceivedMessage[] }> {
    return receiveMessage(this.ctx, input);
  }
  deleteMessage(input: DeleteMessageRequest): Record<string, never> {
    return deleteMessage(this.ctx, input);
  }
  deleteMessageBatch(input: DeleteMessageBatchRequest): ReturnType<typeof deleteMessageBatch> {
    return deleteMessageBatch(this.ctx, input);
  }
  changeMessageVisibility(input: ChangeMessageVisibilityRequest): Record<string, never> {
    return changeMessageVisibility(this.ctx, input);
  }
  purgeQueue(input: PurgeQueueRequest): Record<string, never> {
    return purgeQueue(this.ctx, input);
  }

  /** Runs an operation by its AWS name on a JSON-protocol request body (the dispatch table's entry point). */
  async invoke(name: SqsOperationName, input: unknown, senderId?: string): Promise<unknown> {
    const operation: (ctx: SqsContext, input: unknown, senderId?: string) => unknown = OPERATION_TABLE[name];
    return operation(this.ctx, input ?? {}, senderId);
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
