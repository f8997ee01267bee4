import type { LambdaService } from '../services/lambda/index.ts';
import {
  optionalNumber,
  optionalObject,
  propertyError,
  type ResourceProvider,
  requireString,
} from './provider.ts';

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventinvokeconfig.html */
export function eventInvokeConfigProvider(lambda: LambdaService): ResourceProvider {
  const apply: ResourceProvider['create'] = async (ctx, props) => {
    const functionName = requireString(props, 'FunctionName', ctx);
    const qualifier = requireString(props, 'Qualifier', ctx);
    if (qualifier !== '$LATEST')
      throw propertyError(ctx, 'Qualifier', 'only $LATEST exists in the local cloud');
    const destinations = optionalObject(props, 'DestinationConfig', ctx);
    if (destinations && Object.keys(destinations).length > 0) {
      throw propertyError(
        ctx,
        'DestinationConfig',
        'destinations are not emulated; use the function DeadLetterConfig',
      );
    }
    const retries = optionalNumber(props, 'MaximumRetryAttempts', ctx);
    const maxAge = optionalNumber(props, 'MaximumEventAgeInSeconds', ctx);
    if (retries !== undefined && (retries < 0 || retries > 2))
      throw propertyError(ctx, 'MaximumRetryAttempts', 'must be 0 to 2');
    if (maxAge !== undefined && (maxAge < 60 || maxAge > 21_600))
      throw propertyError(ctx, 'MaximumEventAgeInSeconds', 'must be 60 to 21600');
    lambda.putEventInvokeConfig(functionName, {
      ...(retries === undefined ? {} : { maximumRetryAttempts: retries }),
      ...(maxAge === undefined ? {} : { maximumEventAgeInSeconds: maxAge }),
    });
    return { physicalId: `${functionName}:${qualifier}`, attributes: {} };
  };
  return {
    type: 'AWS::Lambda::EventInvokeConfig',
    supportedProperties: [
      'FunctionName',
      'Qualifier',
      'MaximumRetryAttempts',
      'MaximumEventAgeInSeconds',
      'DestinationConfig',
    ],
    supportedAttributes: [],
    replacementProperties: ['FunctionName', 'Qualifier'],
    create: apply,
    update: (ctx, _physicalId, props) => apply(ctx, props),
    async delete(ctx, _physicalId, props) {
      const functionName = requireString(props, 'FunctionName', ctx);
      if (lambda.listFunctions().some((f) => f.FunctionName === functionName)) {
        lambda.putEventInvokeConfig(functionName, {
          maximumRetryAttempts: 2,
          maximumEventAgeInSeconds: 21_600,
        });
      }
    },
  };
}
