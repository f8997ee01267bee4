import type { LambdaService } from '../services/lambda/index.ts';
import { generatePhysicalName, optionalString, type ResourceProvider, requireString } from './provider.ts';

/**
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html
 * The physical id is the statement id; `FunctionName` may be a name or an ARN.
 */
export function lambdaPermissionProvider(lambda: LambdaService): ResourceProvider {
  return {
    type: 'AWS::Lambda::Permission',
    supportedProperties: [
      'FunctionName',
      'Action',
      'Principal',
      'SourceArn',
      'SourceAccount',
      'EventSourceToken',
      'FunctionUrlAuthType',
      'PrincipalOrgID',
    ],
    supportedAttributes: [],
    replacementProperties: ['FunctionName', 'Action', 'Principal', 'SourceArn', 'SourceAccount'],
    async create(ctx, props) {
      const statementId = generatePhysicalName(ctx, { maxLength: 100 });
      const sourceArn = optionalString(props, 'SourceArn', ctx);
      const sourceAccount = optionalString(props, 'SourceAccount', ctx);
      try {
        lambda.addPermission(requireString(props, 'FunctionName', ctx), {
          statementId,
          action: requireString(props, 'Action', ctx),
          principal: requireString(props, 'Principal', ctx),
          ...(sourceArn ? { sourceArn } : {}),
          ...(sourceAccount ? { sourceAccount } : {}),
        });
      } catch (error) {
        // The statement id derives from the journal's seed: it exists because this very create ran
        // before the engine stopped (ResourceProvider.find: a create without find is repeatable).
        if (ctx.nameSeed === undefined || !/ResourceConflict/.test((error as Error).name)) throw error;
      }
      return { physicalId: statementId, attributes: {} };
    },
    async delete(ctx, physicalId, props) {
      try {
        lambda.removePermission(requireString(props, 'FunctionName', ctx), physicalId);
      } catch (error) {
        // Already gone (the function or the statement) is success for a delete.
        if (!/ResourceNotFound/.test((error as Error).name)) throw error;
      }
    },
  };
}
