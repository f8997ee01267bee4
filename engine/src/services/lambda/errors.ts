import { AwsError } from '../../runtime/aws-error.ts';

const notFound = (message: string) => new AwsError('ResourceNotFoundException', message, 404);
const conflict = (message: string) => new AwsError('ResourceConflictException', message, 409);

/**
 * The Lambda API's errors: a factory per failure, with AWS's code, message and status.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors
 */
export const lambdaErrors = {
  functionNotFound: (arn: string) => notFound(`Function not found: ${arn}`),
  /** GetPolicy on a function without resource-policy statements. */
  policyNotFound: () => notFound('The resource you requested does not exist.'),
  statementNotFound: (statementId: string) =>
    notFound(`Statement ${statementId} is not found in resource policy.`),
  eventInvokeConfigNotFound: (qualifiedArn: string) =>
    notFound(`The function ${qualifiedArn} doesn't have an EventInvokeConfig`),
  functionExists: (name: string) => conflict(`Function already exist: ${name}`),
  statementExists: (statementId: string) =>
    conflict(
      `The statement id (${statementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
    ),
  revisionMismatch: () =>
    new AwsError(
      'PreconditionFailedException',
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      412,
    ),
  invalidParameter: (message: string) => new AwsError('InvalidParameterValueException', message, 400),
  invalidRequestContent: (message: string) => new AwsError('InvalidRequestContentException', message, 400),
  tooLarge: (message: string) => new AwsError('RequestEntityTooLargeException', message, 413),
  throttled: (reason: string) =>
    Object.assign(new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429), { reason }),
  /** A service principal whose resource-policy statements do not allow the invocation. */
  invokeDenied: (principal: string, arn: string, sourceArn: string | undefined) =>
    new AwsError(
      'AccessDeniedException',
      `The principal ${principal} is not authorized to perform lambda:InvokeFunction on resource ${arn}` +
        (sourceArn ? ` from source ${sourceArn}` : ''),
      403,
    ),
  serviceError: (message: string) => new AwsError('ServiceException', message, 500, false),
} as const;
