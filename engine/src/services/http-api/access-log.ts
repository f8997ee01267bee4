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

/** One piece of a compiled format: literal text, or a variable and the text that follows its name. */
type FormatPart = string | { readonly variable: AccessLogVariable; readonly rest: string };

/**
 * A format split once into its literal text and its variables. The longest known variable wins, so
 * `$context.status.x` is `status` followed by `.x`; an unknown name renders as `-`.
 */
function compileFormat(format: string): FormatPart[] {
  const parts: FormatPart[] = [];
  let last = 0;
  for (const match of format.matchAll(/\$context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/g)) {
    parts.push(format.slice(last, match.index));
    last = match.index + match[0].length;
    const names = (match[1] ?? '').split('.');
    let n = names.length;
    while (n > 0 && !KNOWN.has(names.slice(0, n).join('.'))) n--;
    if (n === 0) parts.push('-');
    else
      parts.push({
        variable: names.slice(0, n).join('.') as AccessLogVariable,
        rest: n < names.length ? `.${names.slice(n).join('.')}` : '',
      });
  }
  parts.push(format.slice(last));
  return parts;
}

/** Compiled formats by format text: a stage has one, so this stays as small as the stage count. */
const compiled = new Map<string, FormatPart[]>();
const COMPILED_LIMIT = 256;

export const renderAccessLog = (format: string, values: AccessLogValues): string => {
  let parts = compiled.get(format);
  if (!parts) {
    parts = compileFormat(format);
    if (compiled.size >= COMPILED_LIMIT) compiled.clear();
    compiled.set(format, parts);
  }
  let line = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      line += part;
      continue;
    }
    const value = values[part.variable];
    if (value === undefined || value === '') line += `-${part.rest}`;
    // messageString is already a quoted JSON string, meant to be used without quotes around it.
    else if (part.variable === 'error.messageString') line += `${String(value)}${part.rest}`;
    else line += `${escapeValue(String(value))}${part.rest}`;
  }
  return line;
};

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
