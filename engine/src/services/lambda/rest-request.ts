/**
 * What Lambda's REST-JSON routes share: the API's path prefix, the IAM resource a route is checked
 * against, and reading path labels, headers and a JSON body with Lambda's error codes.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html
 */
import type { RequestContext } from '../../protocol/operation.ts';
import type { RestRequest } from '../../protocol/rest-json.ts';
import { type AccountContext, arn } from '../../runtime/account.ts';
import { lambdaErrors } from './errors.ts';

/** The functions collection of the 2015-03-31 API version. */
export const FUNCTIONS_PATH = '/2015-03-31/functions';

/** The ARN a route's IAM check is made against. */
export type RouteResource = (req: RestRequest, ctx: RequestContext) => string;

/** The function's ARN in the caller's account and Region; an ARN given as the name is kept. */
export const requestFunctionArn = (name: string, ctx: RequestContext, account: AccountContext): string =>
  name.startsWith('arn:')
    ? name
    : arn({ ...account, accountId: ctx.accountId }, 'lambda', `function:${name}`, ctx.region);

/** The resource of a route whose path names the function (`{FunctionName}`). */
export const functionResource =
  (account: AccountContext): RouteResource =>
  (req, ctx) =>
    requestFunctionArn(req.params.FunctionName ?? '', ctx, account);

/** The function name from the path. */
export const functionNameOf = (req: RestRequest): string => req.params.FunctionName ?? '';

export const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** The body as a JSON object (empty body: `{}`); anything else is InvalidRequestContentException. */
export function jsonBody(req: RestRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(req.body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Falls through to the error below.
  }
  throw lambdaErrors.invalidRequestContent('Could not parse request body into json');
}

export const optionalString = (body: Record<string, unknown>, key: string): string | undefined => {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw lambdaErrors.invalidParameter(`${key} must be a string`);
  return value;
};

export const optionalInteger = (body: Record<string, unknown>, key: string): number | undefined => {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw lambdaErrors.invalidParameter(`${key} must be an integer`);
  return value;
};

/** Refuses, by name, members the local service does not emulate (rather than ignoring them). */
export function refuseUnsupported(
  body: Record<string, unknown>,
  allowed: ReadonlySet<string>,
  what: string,
): void {
  const extra = Object.keys(body).filter((key) => !allowed.has(key) && body[key] !== undefined);
  if (extra.length > 0)
    throw lambdaErrors.invalidParameter(
      `${what}: ${extra.join(', ')} ${extra.length === 1 ? 'is' : 'are'} not emulated locally`,
    );
}
