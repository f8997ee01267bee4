/**
 * What Lambda writes to the function's log group when init fails (a syntax error, a missing
 * module, a throw at top level, a missing handler): after INIT_START and the init's own output,
 * the runtime's "Uncaught Exception" error record; the REPORT then says `Status: error` with the
 * error type. The invoke answer alone is not where a developer looks (AWS-FACTS.md, "Init errors").
 */
import type { LogEvent } from '../logs/sink.ts';
import type { LogFormat } from './log-format.ts';

interface InitErrorPayload {
  readonly errorType?: string;
  readonly errorMessage?: string;
  readonly trace?: readonly string[];
}

const parse = (payload: string): InitErrorPayload => {
  try {
    return JSON.parse(payload) as InitErrorPayload;
  } catch {
    return { errorType: 'Runtime.Unknown', errorMessage: payload };
  }
};

/** The error record: Text `<time>\tundefined\tERROR\tUncaught Exception \t{…}`, or a JSON ERROR record. */
export function initErrorEvent(format: LogFormat, at: number, payload: string): LogEvent {
  const { errorType = 'Error', errorMessage = '', trace = [] } = parse(payload);
  const timestamp = new Date(at).toISOString();
  const message =
    format === 'JSON'
      ? JSON.stringify({
          timestamp,
          level: 'ERROR',
          message: 'Uncaught Exception',
          errorType,
          errorMessage,
          stackTrace: trace,
        })
      : `${timestamp}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify({ errorType, errorMessage, stack: trace })}`;
  return { timestamp: at, message };
}

/** The REPORT's `Error Type` for an init failure: the runtime's own type, else `Runtime.Unknown`. */
export function initErrorType(payload: string): string {
  const { errorType } = parse(payload);
  return errorType?.startsWith('Runtime.') ? errorType : 'Runtime.Unknown';
}
