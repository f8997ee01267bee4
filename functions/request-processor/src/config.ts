/**
 * The function's settings, read once from the environment the template sets.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
 */
export interface ProcessorConfig {
  /** DYNAMODB_TABLE_NAME (required). */
  readonly tableName: string;
  /** ARCHIVE_BUCKET_NAME: where bodies too large for an item go; without it they cannot be stored. */
  readonly bucketName: string | undefined;
  /** BODY_PREFIX, default `request-bodies/`. */
  readonly bodyPrefix: string;
  /** RETENTION_DAYS, default 90: items expire (TTL) this many days after the request. */
  readonly retentionDays: number;
}

/** Parses the environment; throws (failing the cold start loudly) when it is unusable. */
export function readConfig(env: Readonly<Record<string, string | undefined>>): ProcessorConfig {
  const tableName = env.DYNAMODB_TABLE_NAME;
  if (!tableName) throw new Error('DYNAMODB_TABLE_NAME is not set');
  const retention = env.RETENTION_DAYS ?? '90';
  const retentionDays = Number(retention);
  if (!Number.isInteger(retentionDays) || retentionDays <= 0) {
    throw new Error(`RETENTION_DAYS must be a positive integer, got ${retention}`);
  }
  return {
    tableName,
    bucketName: env.ARCHIVE_BUCKET_NAME || undefined,
    bodyPrefix: env.BODY_PREFIX ?? 'request-bodies/',
    retentionDays,
  };
}
