import { type RestRoute, restJsonResponse } from '../../../protocol/rest-json.ts';
import type { LambdaControlApi } from '../endpoint-api.ts';
import { requireFunction } from '../function-records.ts';
import type { LambdaContext } from '../service.ts';

/**
 * ListTags: `{ Tags: { key: value } }`; the resource is the function's ARN.
 * https://docs.aws.amazon.com/lambda/latest/api/API_ListTags.html
 */
export function listTags(ctx: LambdaContext, resourceArn: string): { Tags: Record<string, string> } {
  return { Tags: { ...(requireFunction(ctx, resourceArn).config.tags ?? {}) } };
}

export const listTagsRoute = (api: LambdaControlApi): RestRoute => ({
  method: 'GET',
  path: '/2017-03-31/tags/{Resource}',
  operation: 'ListTags',
  iamAction: 'lambda:ListTags',
  resource: (req) => req.params.Resource ?? '*',
  handle: async (req, ctx) => restJsonResponse(200, api.listTags(req.params.Resource ?? ''), ctx.requestId),
});
