import { AwsError } from '../../runtime/aws-error.ts';

/**
 * The API Gateway v2 control-plane errors, each naming the offending field or id.
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid.html#apis-apiid-responses
 */
export const httpApiErrors = {
  notFound: (message: string): AwsError => new AwsError('NotFoundException', message, 404),
  badRequest: (message: string): AwsError => new AwsError('BadRequestException', message, 400),
  conflict: (message: string): AwsError => new AwsError('ConflictException', message, 409),
};
