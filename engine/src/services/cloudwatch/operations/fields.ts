/** Field shapes and conversions the CloudWatch operations share (awsJson1_0, timestamps in epoch seconds). */
import { cloudwatchErrors } from '../errors.ts';

export const DIMENSIONS = {
  type: 'list',
  member: {
    type: 'structure',
    fields: { Name: { type: 'string', required: true }, Value: { type: 'string', required: true } },
  },
} as const;

export const ALARM_STATE = { type: 'string', enum: ['OK', 'ALARM', 'INSUFFICIENT_DATA'] } as const;

export const toDimensions = (
  list: readonly { Name: string; Value: string }[] | undefined,
): Record<string, string> => Object.fromEntries((list ?? []).map((d) => [d.Name, d.Value]));

export const seconds = (ms: number): number => ms / 1000;

/** Accepts epoch seconds (what the SDK sends) or ISO text. */
export function toMs(value: unknown, field: string): number {
  const ms =
    typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw cloudwatchErrors.notATimestamp(field);
  return ms;
}
