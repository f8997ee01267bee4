export type { EndpointCall, EndpointChannel } from './endpoint-call.ts';
export { spellFor, type WireProtocol } from './error-spelling.ts';
export {
  type JsonProtocolOptions,
  jsonError,
  jsonResult,
  parseJsonBody,
  parseJsonTarget,
} from './json-protocol.ts';
export {
  type CallerIdentity,
  defineOperation,
  type Operation,
  type OperationSpec,
  type OperationTable,
  type RequestContext,
} from './operation.ts';
export {
  nestQueryParams,
  parseQueryParams,
  type QueryProtocolOptions,
  queryError,
  queryResult,
} from './query-protocol.ts';
export {
  matchRoute,
  type RestRequest,
  type RestRoute,
  restJsonError,
  restJsonResponse,
} from './rest-json.ts';
export type {
  AuthorizationDecision,
  AuthorizationTarget,
  AuthorizeFn,
  BufferedRequest,
  Gate,
  JsonHandlerServiceEntry,
  JsonServiceEntry,
  QueryServiceEntry,
  RawErrorFormat,
  RawRequestView,
  RawServiceEntry,
  RestJsonServiceEntry,
  ServiceEntry,
  ServiceMap,
  SigningName,
} from './service-entry.ts';
export {
  expectedSignature,
  parseSigV4,
  SigningKeyCache,
  type SigV4Credential,
  signingKey,
  verifySignature,
} from './sigv4.ts';
export type { SignedRequestParts } from './sigv4-canonical.ts';
export {
  type FieldRule,
  type InferInput,
  type InputSchema,
  validateInput,
  type WireMode,
} from './validation.ts';
export type { WireResponse } from './wire-response.ts';
