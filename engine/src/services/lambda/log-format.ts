import type { LogEvent } from '../logs/sink.ts';

/**
 * The platform's own log lines (START, END, REPORT, INIT_START, timeouts) in the function's
 * LogFormat. Pure: the service calls these with numbers it measured.
 * Text: https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html
 * JSON: https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html
 */
export type LogFormat = 'Text' | 'JSON';

export type ReportStatus = 'success' | 'error' | 'timeout';

export interface ReportFields {
  readonly requestId: string;
  readonly version: string;
  readonly durationMs: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  readonly initDurationMs?: number;
  readonly status: ReportStatus;
  /** For crashes (exit, out of memory): the runtime error type shown after Status. */
  readonly errorType?: string;
}

const SYSTEM_LEVELS: Readonly<Record<string, number>> = { DEBUG: 1, INFO: 2, WARN: 3 };

/** START, REPORT and INIT_START are INFO-level system events; SystemLogLevel WARN drops them (JSON only). */
export function systemInfoEnabled(format: LogFormat, systemLogLevel: string | undefined): boolean {
  if (format !== 'JSON') return true;
  return (SYSTEM_LEVELS[(systemLogLevel ?? 'INFO').toUpperCase()] ?? 2) <= 2;
}

const iso = (at: number): string => new Date(at).toISOString();

/**
 * Since 1 August 2025 the INIT phase of on-demand managed-runtime functions is billed too, so the
 * billed duration of a cold start covers init + invoke, rounded up to the next millisecond.
 */
export const billedDurationMs = (durationMs: number, initDurationMs = 0): number =>
  Math.max(1, Math.ceil(durationMs + initDurationMs));

export function startEvent(format: LogFormat, at: number, requestId: string, version: string): LogEvent {
  const message =
    format === 'JSON'
      ? JSON.stringify({ time: iso(at), type: 'platform.start', record: { requestId, version } })
      : `START RequestId: ${requestId} Version: ${version}`;
  return { timestamp: at, message };
}

export function endEvent(at: number, requestId: string): LogEvent {
  return { timestamp: at, message: `END RequestId: ${requestId}` };
}

export function initStartEvent(
  format: LogFormat,
  at: number,
  functionName: string,
  version: string,
  region: string,
): LogEvent {
  const runtimeVersion = 'nodejs:22.local';
  const runtimeVersionArn = `arn:aws:lambda:${region}::runtime:tapstack-local`;
  const message =
    format === 'JSON'
      ? JSON.stringify({
          time: iso(at),
          type: 'platform.initStart',
          record: {
            initializationType: 'on-demand',
            phase: 'init',
            runtimeVersion,
            runtimeVersionArn,
            functionName,
            functionVersion: version,
          },
        })
      : `INIT_START Runtime Version: ${runtimeVersion}\tRuntime Version ARN: ${runtimeVersionArn}`;
  return { timestamp: at, message };
}

export function reportEvent(format: LogFormat, at: number, fields: ReportFields): LogEvent {
  const billed = billedDurationMs(fields.durationMs, fields.initDurationMs);
  const maxMemory = Math.min(fields.maxMemoryUsedMb, fields.memorySizeMb);
  if (format === 'JSON') {
    const metrics: Record<string, number> = {
      durationMs: round2(fields.durationMs),
      billedDurationMs: billed,
      memorySizeMB: fields.memorySizeMb,
      maxMemoryUsedMB: maxMemory,
    };
    if (fields.initDurationMs !== undefined) metrics.initDurationMs = round2(fields.initDurationMs);
    const record: Record<string, unknown> = { requestId: fields.requestId, metrics, status: fields.status };
    if (fields.errorType) record.errorType = fields.errorType;
    return { timestamp: at, message: JSON.stringify({ time: iso(at), type: 'platform.report', record }) };
  }
  let message =
    `REPORT RequestId: ${fields.requestId}\tDuration: ${fields.durationMs.toFixed(2)} ms\t` +
    `Billed Duration: ${billed} ms\tMemory Size: ${fields.memorySizeMb} MB\tMax Memory Used: ${maxMemory} MB`;
  if (fields.initDurationMs !== undefined)
    message += `\tInit Duration: ${fields.initDurationMs.toFixed(2)} ms`;
  if (fields.status !== 'success') message += `\tStatus: ${fields.status}`;
  if (fields.errorType) message += `\tError Type: ${fields.errorType}`;
  return { timestamp: at, message };
}

/** The platform's line when an invocation runs past the function's Timeout. */
export function timeoutEvent(at: number, requestId: string, timeoutSeconds: number): LogEvent {
  return {
    timestamp: at,
    message: `${iso(at)} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
