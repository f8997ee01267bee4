import type { FunctionConfig, LambdaService } from '../services/lambda/index.ts';
import {
  generatePhysicalName,
  optionalList,
  optionalNumber,
  optionalObject,
  optionalString,
  type ProviderContext,
  propertyError,
  type ResourceProvider,
  requireString,
} from './provider.ts';

/** Node.js runtimes the local cloud runs; creation of older ones is blocked on AWS too. */
const NODE_RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'];

/**
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html
 * Only inline code (`Code.ZipFile`) can run locally: S3 or image packages need an artifact store
 * the local cloud does not have, so they are refused naming the property.
 */
export function lambdaFunctionProvider(lambda: LambdaService): ResourceProvider {
  const attributes = (name: string) => {
    const description = lambda.getFunction(name);
    return { Arn: description.FunctionArn };
  };
  return {
    type: 'AWS::Lambda::Function',
    supportedProperties: [
      'FunctionName',
      'Runtime',
      'Handler',
      'Code',
      'Role',
      'Timeout',
      'MemorySize',
      'Environment',
      'Architectures',
      'DeadLetterConfig',
      'LoggingConfig',
      'ReservedConcurrentExecutions',
      'Description',
      'Tags',
    ],
    supportedAttributes: ['Arn'],
    replacementProperties: ['FunctionName'],
    async create(ctx, props) {
      const name = optionalString(props, 'FunctionName', ctx) ?? generatePhysicalName(ctx, { maxLength: 64 });
      lambda.createFunction(readFunction(ctx, name, props));
      return { physicalId: name, attributes: attributes(name) };
    },
    async find(ctx, props) {
      const name = optionalString(props, 'FunctionName', ctx) ?? generatePhysicalName(ctx, { maxLength: 64 });
      return lambda.listFunctions().some((f) => f.FunctionName === name)
        ? { physicalId: name, attributes: attributes(name) }
        : undefined;
    },
    async update(ctx, physicalId, props) {
      const { name: _name, ...changes } = readFunction(ctx, physicalId, props);
      lambda.updateFunction(physicalId, changes);
      return { physicalId, attributes: attributes(physicalId) };
    },
    async delete(_ctx, physicalId) {
      if (lambda.listFunctions().some((f) => f.FunctionName === physicalId))
        await lambda.deleteFunction(physicalId);
    },
  };
}

function readFunction(
  ctx: ProviderContext,
  name: string,
  props: Readonly<Record<string, unknown>>,
): FunctionConfig {
  const runtime = requireString(props, 'Runtime', ctx);
  if (!NODE_RUNTIMES.includes(runtime)) {
    throw propertyError(
      ctx,
      'Runtime',
      `${runtime} cannot run in the local cloud; use one of ${NODE_RUNTIMES.join(', ')}`,
    );
  }
  const code = optionalObject(props, 'Code', ctx);
  const zipFile = code?.ZipFile;
  if (typeof zipFile !== 'string' || zipFile === '') {
    const other = Object.keys(code ?? {}).find((key) => key !== 'ZipFile');
    throw propertyError(
      ctx,
      other ? `Code.${other}` : 'Code.ZipFile',
      'only inline code (Code.ZipFile) runs in the local cloud',
    );
  }
  const environment = optionalObject(props, 'Environment', ctx);
  const variables = (environment?.Variables ?? {}) as Record<string, unknown>;
  const logging = optionalObject(props, 'LoggingConfig', ctx) ?? {};
  const logFormat = logging.LogFormat === 'JSON' ? 'JSON' : 'Text';
  const deadLetter = optionalObject(props, 'DeadLetterConfig', ctx);
  const reserved = optionalNumber(props, 'ReservedConcurrentExecutions', ctx);
  const architectures = (optionalList(props, 'Architectures', ctx) ?? ['x86_64']).map(String);
  return {
    name,
    runtime,
    handler: requireString(props, 'Handler', ctx),
    code: zipFile,
    roleArn: requireString(props, 'Role', ctx),
    timeoutSeconds: optionalNumber(props, 'Timeout', ctx) ?? 3,
    memorySizeMb: optionalNumber(props, 'MemorySize', ctx) ?? 128,
    environment: Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, String(value)])),
    architectures,
    logFormat,
    logGroupName: typeof logging.LogGroup === 'string' ? logging.LogGroup : `/aws/lambda/${name}`,
    ...(typeof logging.ApplicationLogLevel === 'string'
      ? { applicationLogLevel: logging.ApplicationLogLevel }
      : {}),
    ...(typeof logging.SystemLogLevel === 'string' ? { systemLogLevel: logging.SystemLogLevel } : {}),
    ...(typeof deadLetter?.TargetArn === 'string' ? { deadLetterTargetArn: deadLetter.TargetArn } : {}),
    ...(reserved === undefined ? {} : { reservedConcurrency: reserved }),
    tags: readTags(optionalList(props, 'Tags', ctx) ?? []),
  };
}

/** CloudFormation `Tags` (`[{Key, Value}]`) as the name -> value map ListTags returns. */
function readTags(list: readonly unknown[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of list) {
    const { Key, Value } = (tag ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof Key === 'string') tags[Key] = String(Value ?? '');
  }
  return tags;
}
