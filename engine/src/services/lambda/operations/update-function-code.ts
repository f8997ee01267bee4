import { type RestRequest, type RestRoute, restJsonResponse } from '../../../protocol/rest-json.ts';
import { readZipPackage } from '../code-package.ts';
import type { FunctionDescription } from '../description.ts';
import type { LambdaControlApi } from '../endpoint-api.ts';
import { lambdaErrors } from '../errors.ts';
import { requireFunction } from '../function-records.ts';
import {
  FUNCTIONS_PATH,
  functionNameOf,
  jsonBody,
  optionalString,
  type RouteResource,
  refuseUnsupported,
} from '../rest-request.ts';
import type { LambdaContext } from '../service.ts';
import { wireConfiguration } from '../wire-configuration.ts';

/**
 * Replaces the code with an uploaded zip. The package is checked before anything changes (not a
 * zip, no handler file: InvalidParameterValueException), so a bad upload leaves the old code
 * serving. Invocations in flight finish on the old code; the next one gets an environment of
 * the new code, and the old environments are retired as they finish.
 * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionCode.html
 */
export function updateFunctionCode(
  ctx: LambdaContext,
  name: string,
  zip: Uint8Array,
  expectedRevisionId?: string,
): FunctionDescription {
  const current = requireFunction(ctx, name, expectedRevisionId);
  const pkg = readZipPackage(zip, current.config.handler);
  return ctx.commit(current, { ...current.config, code: pkg.code }, pkg);
}

export const updateFunctionCodeRoute = (api: LambdaControlApi, resource: RouteResource): RestRoute => ({
  method: 'PUT',
  path: `${FUNCTIONS_PATH}/{FunctionName}/code`,
  operation: 'UpdateFunctionCode',
  iamAction: 'lambda:UpdateFunctionCode',
  resource,
  handle: async (req, ctx) =>
    restJsonResponse(200, wireConfiguration(updateFromWire(api, req)), ctx.requestId),
});

/** The members the route accepts; others are refused by name. */
const CODE_KEYS = new Set(['FunctionName', 'ZipFile', 'RevisionId', 'Publish', 'DryRun', 'Architectures']);

/** LIMITATIONS: code comes only as a `ZipFile` upload (no S3 or image packages); `Publish` (versions) is refused. */
function updateFromWire(api: LambdaControlApi, req: RestRequest): FunctionDescription {
  const body = jsonBody(req);
  refuseUnsupported(body, CODE_KEYS, 'UpdateFunctionCode');
  if (body.Publish === true)
    throw lambdaErrors.invalidParameter('UpdateFunctionCode: Publish (versions) is not emulated locally');
  const zipText = optionalString(body, 'ZipFile');
  if (zipText === undefined)
    throw lambdaErrors.invalidParameter(
      'UpdateFunctionCode needs ZipFile (the zip archive, base64 on the wire)',
    );
  const name = functionNameOf(req);
  const revisionId = optionalString(body, 'RevisionId');
  if (body.DryRun === true) return api.getFunctionConfiguration(name);
  return api.updateFunctionCode(name, Buffer.from(zipText, 'base64'), revisionId);
}
