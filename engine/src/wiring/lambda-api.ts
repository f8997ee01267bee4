import type {
  FunctionConfig,
  FunctionDescription,
  LambdaApi,
  LambdaService,
} from '../services/lambda/index.ts';

/** The endpoint's view of a function: its configuration without the code. */
function configOf(description: FunctionDescription): FunctionConfig {
  return {
    name: description.FunctionName,
    runtime: description.Runtime,
    handler: description.Handler,
    code: '',
    roleArn: description.Role,
    timeoutSeconds: description.Timeout,
    memorySizeMb: description.MemorySize,
    environment: description.Environment.Variables,
    architectures: description.Architectures,
    logFormat: description.LoggingConfig.LogFormat,
    logGroupName: description.LoggingConfig.LogGroup,
    ...(description.DeadLetterConfig ? { deadLetterTargetArn: description.DeadLetterConfig.TargetArn } : {}),
  };
}

export function lambdaApiOf(lambda: LambdaService): LambdaApi {
  return {
    invoke: (request) => lambda.invoke(request),
    getFunction: (name) => configOf(lambda.getFunction(name)),
    listFunctions: () => lambda.listFunctions().map(configOf),
    control: {
      getFunctionConfiguration: (name) => lambda.getFunction(name),
      listFunctionConfigurations: () => lambda.listFunctions(),
      updateFunctionCode: (name, zip, revisionId) => lambda.updateFunctionCode(name, zip, revisionId),
      updateFunctionConfiguration: (name, changes, revisionId) =>
        lambda.updateFunctionConfiguration(name, changes, revisionId),
      getPolicy: (name) => lambda.getPolicy(name),
      getEventInvokeConfig: (name) => lambda.getEventInvokeConfig(name),
      listTags: (arn) => lambda.listTags(arn),
    },
  };
}
