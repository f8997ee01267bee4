import type { RequestContext } from '../../../protocol/operation.ts';
import { type RestRequest, type RestRoute, restJsonResponse } from '../../../protocol/rest-json.ts';

/**
 * One GET operation of the API Gateway v2 read API as a REST route. IAM authorizes API Gateway's
 * management API per HTTP verb on the resource path (`apigateway:GET` on
 * `arn:aws:apigateway:<region>::/apis/<id>`).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-control-access-using-iam-policies.html
 */
export function readRoute(
  path: string,
  operation: string,
  run: (params: Readonly<Record<string, string>>) => unknown,
): RestRoute {
  const resourcePath = (req: RestRequest): string =>
    path.replace(/^\/v2/, '').replace(/\{(\w+)\}/g, (_, name: string) => req.params[name] ?? '');
  return {
    method: 'GET',
    path,
    operation,
    iamAction: 'apigateway:GET',
    resource: (req: RestRequest, ctx: RequestContext) =>
      `arn:aws:apigateway:${ctx.region}::${resourcePath(req)}`,
    handle: async (req, ctx) => restJsonResponse(200, run(req.params), ctx.requestId),
  };
}
