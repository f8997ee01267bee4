import type { LogSink, LogsService } from '../services/logs/index.ts';

/**
 * Where function output goes. Output never fails an invocation: Lambda creates a function's
 * missing log group (with the usual basic-execution permissions), so a missing group is created
 * here instead of the write being refused.
 */
export function functionLogSink(logs: LogsService): LogSink {
  return {
    putLogEvents(group, stream, events) {
      if (!logs.hasLogGroup(group)) logs.createLogGroup({ logGroupName: group });
      logs.putLogEvents(group, stream, events);
    },
  };
}
