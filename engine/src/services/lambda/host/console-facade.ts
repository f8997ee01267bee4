import { format } from 'node:util';
import type { LogLine } from './protocol.ts';

/**
 * Application log levels and their order, as the Node.js runtime defines them.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html
 */
export const APP_LEVELS = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 } as const;
export type AppLevel = keyof typeof APP_LEVELS;

/** What a console facade needs from its environment: the current request and where lines go. */
export interface LogTarget {
  /** The request being served, or undefined during init and between requests. */
  requestId(): string | undefined;
  emit(line: LogLine): void;
  now(): number;
}

export interface ConsoleOptions {
  readonly format: 'Text' | 'JSON';
  /** JSON only: lines below this level are dropped (log-level filtering needs JSON format). */
  readonly minLevel?: string;
}

type LogMethod = (message?: unknown, ...params: unknown[]) => void;

/**
 * A `console` for one execution environment: each call becomes one log event tagged with the
 * environment's current request id, formatted as the Node.js runtime's Text or JSON logger does.
 * Methods other than the level methods (dir, table, time...) are the host's own console.
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html
 */
export function createConsole(target: LogTarget, options: ConsoleOptions): Console {
  const min = options.format === 'JSON' ? levelValue(options.minLevel) : 0;
  const method = (level: AppLevel): LogMethod => {
    if (APP_LEVELS[level] < min) return () => {};
    return (message?: unknown, ...params: unknown[]) => {
      const at = target.now();
      const requestId = target.requestId();
      const text =
        options.format === 'JSON'
          ? formatJson(at, requestId, level, message, params)
          : `${new Date(at).toISOString()}\t${requestId}\t${level}\t${format(message, ...params)}`;
      target.emit([at, text]);
    };
  };
  const facade = Object.create(globalThis.console) as Console & { fatal: LogMethod };
  facade.trace = method('TRACE');
  facade.debug = method('DEBUG');
  facade.info = method('INFO');
  facade.log = facade.info;
  facade.warn = method('WARN');
  facade.error = method('ERROR');
  facade.fatal = method('FATAL');
  return facade;
}

function levelValue(level: string | undefined): number {
  const key = (level ?? 'INFO').toUpperCase();
  return key in APP_LEVELS ? APP_LEVELS[key as AppLevel] : APP_LEVELS.INFO;
}

/**
 * One argument: `message` keeps its JSON shape (objects stay objects, errors become
 * errorType/errorMessage/stackTrace). Several: `message` is the util.format text, and the first
 * Error argument adds errorType/errorMessage/stackTrace beside it (the runtime's formatter).
 */
export function formatJson(
  at: number,
  requestId: string | undefined,
  level: AppLevel,
  message: unknown,
  params: readonly unknown[],
): string {
  const record: Record<string, unknown> = { timestamp: new Date(at).toISOString(), level, requestId };
  if (params.length === 0) {
    record.message = message;
    try {
      return JSON.stringify(record, errorReplacer);
    } catch {
      record.message = format(message);
      return JSON.stringify(record);
    }
  }
  record.message = format(message, ...params);
  const error = params.find((p): p is Error => p instanceof Error);
  if (error) Object.assign(record, describeError(error));
  return JSON.stringify(record);
}

function describeError(error: Error): Record<string, unknown> {
  return {
    errorType: error.constructor?.name ?? 'UnknownError',
    errorMessage: error.message,
    stackTrace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { ...describeError(value), ...value } : value;
}
