import type { OutputRewriter } from '../deploy/output-rewriter.ts';
import type { HttpApiService } from '../services/http-api/index.ts';

const EXECUTE_API_URL = /^https:\/\/([a-z0-9]{10})\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\.cn)?(\/.*)?$/;

/**
 * A local deviation (see deploy/output-rewriter.ts): an output that spells out an API's
 * execute-api URL (`https://<apiId>.execute-api.<region>.amazonaws.com/...`, as a hand-written
 * ApiEndpoint output does) resolves to the API's local URL, which is the one that works.
 * `Fn::GetAtt Api.ApiEndpoint` already does.
 */
export function executeApiRewriter(httpApi: HttpApiService): OutputRewriter {
  return (_key, value) => {
    const match = value.match(EXECUTE_API_URL);
    if (!match?.[1] || !httpApi.listApis().some((api) => api.ApiId === match[1])) return value;
    return `${httpApi.getEndpoint(match[1])}${match[3] ?? ''}`;
  };
}
