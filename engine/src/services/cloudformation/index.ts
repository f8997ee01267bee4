export { cloudformationErrors } from './errors.ts';
export {
  CLOUDFORMATION_XMLNS,
  cloudFormationOperations,
  cloudFormationServiceEntry,
} from './operation-table.ts';
export { CloudFormationService, type CloudFormationServiceOptions } from './service.ts';
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
