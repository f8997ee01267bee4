import type { OutputRewriter } from '../deploy/output-rewriter.ts';
import type { HttpApiService } from '../services/http-api/index.ts';
import type { SqsService } from '../services/sqs/index.ts';

const QUEUE_URL = /^http:\/\/[^/]+\/(\d{12})\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/;

/**
 * Ports are a property of the run, not of the data: an output resolved in an earlier run carries
 * that run's ports (a stored `QueueUrl` or `ApiEndpoint` attribute). Outputs are re-resolved
 * through this on every deploy, so `DeadLetterQueueUrl` names the endpoint this run serves and
 * `ApiEndpoint` the API's current port.
 */
export function localUrlRewriter(httpApi: HttpApiService, sqs: SqsService): OutputRewriter {
  return (_key, value) => {
    const queue = QUEUE_URL.exec(value);
    if (queue?.[2]) {
      try {
        const current = sqs.getQueueUrl({ QueueName: queue[2], QueueOwnerAWSAccountId: queue[1] }).QueueUrl;
        return current;
      } catch {
        return value;
      }
    }
    return httpApi.currentUrl(value);
  };
}

/** Applies rewriters in order, each to the previous one's result. */
export const composeRewriters =
  (...rewriters: OutputRewriter[]): OutputRewriter =>
  (key, value, stackName) =>
    rewriters.reduce((current, rewrite) => rewrite(key, current, stackName), value);
