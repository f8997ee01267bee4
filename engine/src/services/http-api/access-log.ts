/**
 * Renders a stage's access-log format by replacing `$context.<variable>` with this request's values.
 * A variable without a value for this request renders as `-`, as AWS logs it. Values are escaped
 * as inside a JSON string (`"` -> `\"`, `\` -> `\\`, control characters), as API Gateway was seen
 * doing in 2024, so a JSON format stays parseable whatever the client sends (see AWS-FACTS.md).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
export const ACCESS_LOG_VARIABLES = [
  'accountId',
  'apiId',
  'dataProcessed',
  'domainName',
  'domainPrefix',
  'error.message',
  'error.messageString',
  'error.responseType',
  'extendedRequestId',
  'httpMethod',
  'identity.sourceIp',
  'identity.userAgent',
  'integration.error',
  'integration.integrationStatus',
  'integration.latency',
  'integration.requestId',
  'integration.status',
  'integrationErrorMessage',
  'integrationLatency',
  'integrationStatus',
  'path',
  'protocol',
  'requestId',
  'requestTime',
  'requestTimeEpoch',
  'responseLatency',
  'responseLength',
  'routeKey',
  'stage',
  'status',
] as const;

export type AccessLogVariable = (typeof ACCESS_LOG_VARIABLES)[number];

export type AccessLogValues = Partial<Record<AccessLogVariable, string | number>>;

const KNOWN = new Set<string>(ACCESS_LOG_VARIABLES);

export const renderAccessLog = (format: string, values: AccessLogValues): string =>
  format.replace(/\$context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/g, (_match, name: string) => {
    // The longest known variable wins, so `$context.status.x` is `status` followed by `.x`.
    const parts = name.split('.');
    for (let n = parts.length; n > 0; n--) {
      const candidate = parts.slice(0, n).join('.');
      if (!KNOWN.has(candidate)) continue;
      const value = values[candidate as AccessLogVariable];
      const rest = n < parts.length ? `.${parts.slice(n).join('.')}` : '';
      if (value === undefined || value === '') return `-${rest}`;
      // messageString is already a quoted JSON string, meant to be used without quotes around it.
      return `${candidate === 'error.messageString' ? String(value) : escapeValue(String(value))}${rest}`;
    }
    return '-';
  });

/** JSON string escaping without the surrounding quotes. */
const escapeValue = (value: string): string => JSON.stringify(value).slice(1, -1);

/** The log group name in `arn:aws:logs:region:account:log-group:NAME` (a trailing `:*` is allowed). */
export const logGroupNameFromArn = (arn: string): string | undefined => {
  const match = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(?::\*)?$/.exec(arn);
  return match?.[1];
};

/** True when the format names the request id, which AWS requires of every access-log format. */
export const formatHasRequestId = (format: string): boolean =>
  /\$context\.(requestId|extendedRequestId)(?![A-Za-z0-9_])/.test(format);

/**
 * The log stream an access log line goes to. AWS does not document the name; we use one stream per
 * API and stage, `<apiId>_<stage>` (see AWS-FACTS.md).
 */
export const accessLogStreamName = (apiId: string, stage: string): string => `${apiId}_${stage}`;
