/**
 * Lambda on the AWS endpoint (REST-JSON): method and path template -> operation, as a route table
 * (moto `urls.py` style). Each route is declared in its operation's file (operations/), beside the
 * operation's input rules; paths absent here answer the endpoint's UnknownOperationException.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html
 *
 * LIMITATIONS: ListFunctions does not paginate; CreateFunction, DeleteFunction, AddPermission,
 * RemovePermission and PutFunctionEventInvokeConfig run only in process (the stack's resources).
 */
import type { RestRoute } from '../../protocol/rest-json.ts';
import type { RestJsonServiceEntry } from '../../protocol/service-entry.ts';
import { type AccountContext, DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import type { LambdaApi } from './endpoint-api.ts';
import { getFunctionRoute } from './operations/get-function.ts';
import { getFunctionConfigurationRoute } from './operations/get-function-configuration.ts';
import { getFunctionEventInvokeConfigRoute } from './operations/get-function-event-invoke-config.ts';
import { getPolicyRoute } from './operations/get-policy.ts';
import { invokeRoute } from './operations/invoke.ts';
import { listFunctionsRoute } from './operations/list-functions.ts';
import { listTagsRoute } from './operations/list-tags.ts';
import { updateFunctionCodeRoute } from './operations/update-function-code.ts';
import { updateFunctionConfigurationRoute } from './operations/update-function-configuration.ts';
import { functionResource } from './rest-request.ts';

/** The routes; the control-plane ones only when `api` has a control plane. */
export function lambdaRoutes(api: LambdaApi, account: AccountContext = DEFAULT_ACCOUNT): RestRoute[] {
  const resource = functionResource(account);
  const control = api.control;
  return [
    invokeRoute(api, resource),
    getFunctionRoute(api, resource, account),
    listFunctionsRoute(api, account),
    ...(control
      ? [
          getFunctionConfigurationRoute(control, resource),
          updateFunctionConfigurationRoute(control, resource),
          updateFunctionCodeRoute(control, resource),
          getPolicyRoute(control, resource),
          getFunctionEventInvokeConfigRoute(control, resource),
          listTagsRoute(control),
        ]
      : []),
  ];
}

/** Lambda's ServiceEntry: the routes above under the `lambda` signing name. */
export function lambdaServiceEntry(
  api: LambdaApi,
  account: AccountContext = DEFAULT_ACCOUNT,
): RestJsonServiceEntry {
  return { kind: 'rest-json', routes: lambdaRoutes(api, account) };
}
