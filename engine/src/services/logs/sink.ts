/** Where services write log events (function output, access logs); the logs service implements it. */
export interface LogEvent {
  readonly timestamp: number;
  readonly message: string;
}

export interface LogSink {
  putLogEvents(logGroupName: string, logStreamName: string, events: readonly LogEvent[]): void;
}
