export { AwsEndpoint, type AwsEndpointOptions } from './aws-endpoint.ts';
export { accessDeniedMessage, type CallerIdentity, callerArn, rootIdentity } from './identity.ts';
