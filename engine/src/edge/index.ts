export type {
  AuthorizationDecision,
  AuthorizationTarget,
  AuthorizeFn,
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
export {
  DYNAMODB_TARGET_PREFIX,
  dynamodbAuthorizationTarget,
  dynamodbRawEntry,
} from './dynamodb-authorization.ts';
export { accessDeniedMessage, type CallerIdentity, callerArn, rootIdentity } from './identity.ts';
