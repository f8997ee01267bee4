import { arnResourceName, parseArn } from '../runtime/arn.ts';
import type { FirehoseService } from '../services/firehose/index.ts';
import type { LogsServiceOptions } from '../services/logs/index.ts';

/**
 * Delivers a log subscription's batch to its destination: a Firehose delivery stream (the only
 * destination kind the local Logs service supports), marked as coming from CloudWatch Logs.
 */
export function logsToFirehose(firehose: FirehoseService): NonNullable<LogsServiceOptions['deliver']> {
  return async (destinationArn, data) => {
    if (parseArn(destinationArn)?.service !== 'firehose')
      throw new Error(`subscription destination ${destinationArn} is not a Firehose stream`);
    firehose.putRecord(arnResourceName(destinationArn), data, { fromCloudWatchLogs: true });
  };
}
