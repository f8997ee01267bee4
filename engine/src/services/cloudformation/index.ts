export { CloudFormationApi, type CloudFormationApiOptions } from './api.ts';
export { stackNotFound } from './errors.ts';
export { CLOUDFORMATION_XMLNS, cloudFormationOperations, cloudFormationService } from './service.ts';
export type { DeployPreview, DeploySpec, StackControl } from './stack-control.ts';
export type {
  MaybePromise,
  StackEventRecord,
  StackExportRecord,
  StackOutputRecord,
  StackReader,
  StackRecord,
  StackResourceRecord,
} from './stack-reader.ts';
