import { sqsErrors } from './errors.ts';

/**
 * Up to 80 alphanumeric characters, hyphens and underscores (`.fifo` names are FIFO queues, which
 * are not emulated). https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
 */
export function checkQueueName(name: string): void {
  if (name.endsWith('.fifo')) throw sqsErrors.unsupportedOperation('FIFO queues');
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
    throw sqsErrors.invalidParameterValue(
      `Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length: ${name}`,
    );
  }
}
