/**
 * The retention values CloudWatch Logs accepts for `RetentionInDays`.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 */
export const VALID_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const DAY_MS = 86_400_000;

export function isValidRetention(days: number): boolean {
  return VALID_RETENTION_DAYS.includes(days);
}

/** Events strictly older than this instant are past retention; `undefined` retention keeps everything. */
export function retentionCutoff(
  now: number,
  retentionInDays: number | undefined,
  /** `--retention-scale` (a local deviation): retention periods are divided by it. */
  scale = 1,
): number | undefined {
  return retentionInDays === undefined ? undefined : now - (retentionInDays * DAY_MS) / scale;
}
