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
} from '../protocol/index.ts';
export { AwsEndpoint, type AwsEndpointOptions } from './aws-endpoint.ts';
export { accessDeniedMessage, type CallerIdentity, callerArn, rootIdentity } from './identity.ts';
