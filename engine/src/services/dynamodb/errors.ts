import { AwsError } from '../../runtime/aws-error.ts';

/**
 * A DynamoDB error with the exact JSON body AWS (and dynalite) put on the wire, e.g.
 * `{ "__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "message": "..." }`.
 * Keeping the body lets the wire handler answer byte-for-byte as dynalite does, while in-process
 * callers (the CloudFormation provider) see an ordinary {@link AwsError} with `code`.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */
export class DynamoDbError extends AwsError {
  constructor(
    code: string,
    message: string,
    status: number,
    readonly body: Readonly<Record<string, unknown>>,
    options?: { readonly cause?: unknown },
  ) {
    super(code, message, status, status < 500, options);
  }
}

const DYNAMODB_PREFIX = 'com.amazonaws.dynamodb.v20120810#';

/** Turns dynalite's `{ statusCode, body: { __type, message } }` error into a {@link DynamoDbError}. */
export function fromDynaliteError(error: unknown): DynamoDbError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { statusCode, body } = error as { statusCode?: unknown; body?: unknown };
  if (typeof statusCode !== 'number' || typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const type = typeof record.__type === 'string' ? record.__type : 'UnknownError';
  const code = type.slice(type.indexOf('#') + 1);
  const rawMessage = record.message ?? record.Message;
  const message = typeof rawMessage === 'string' ? rawMessage : '';
  return new DynamoDbError(code, message, statusCode, record);
}

/** One entry of TransactionCanceledException's CancellationReasons, in request order. */
export interface CancellationReason {
  readonly Code: string;
  readonly Message?: string;
  readonly Item?: Readonly<Record<string, unknown>>;
}

/** Every error DynamoDB operations raise, with DynamoDB's wire body (see {@link DynamoDbError}). */
export const dynamoDbErrors = {
  /** A DynamoDB `ValidationException` (HTTP 400), the error AWS returns for a malformed request. */
  validation: (message: string): DynamoDbError =>
    new DynamoDbError('ValidationException', message, 400, {
      __type: 'com.amazon.coral.validate#ValidationException',
      message,
    }),

  /** A `ResourceNotFoundException` for a table, worded as DynamoDB words it. */
  tableNotFound: (tableName: string): DynamoDbError => {
    const message = `Requested resource not found: Table: ${tableName} not found`;
    return new DynamoDbError('ResourceNotFoundException', message, 400, {
      __type: `${DYNAMODB_PREFIX}ResourceNotFoundException`,
      message,
    });
  },

  /**
   * The 500 a wire caller sees when the engine itself failed; never reported as a success. SDKs
   * retry it. The failure is kept as `cause` for the engine's log and never reaches the client.
   */
  internal: (cause: unknown): DynamoDbError =>
    new DynamoDbError(
      'InternalServerError',
      'Internal server error',
      500,
      { __type: `${DYNAMODB_PREFIX}InternalServerError`, message: 'Internal server error' },
      { cause },
    ),

  /**
   * The whole transaction was refused; `reasons` has one entry per item (`None` where the item was
   * fine). https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#API_TransactWriteItems_Errors
   */
  transactionCanceled: (reasons: readonly CancellationReason[]): DynamoDbError => {
    const message = `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`;
    return new DynamoDbError('TransactionCanceledException', message, 400, {
      __type: `${DYNAMODB_PREFIX}TransactionCanceledException`,
      Message: message,
      CancellationReasons: reasons,
    });
  },

  /** A request-framework error (`com.amazon.coral.service#<type>`), with no message when AWS sends none. */
  coral: (type: string, message?: string): DynamoDbError =>
    new DynamoDbError(type, message ?? '', 400, {
      __type: `com.amazon.coral.service#${type}`,
      ...(message !== undefined && { message }),
    }),

  /** An operation DynamoDB has and this engine does not: said plainly, naming the operation. */
  notEmulated: (operation: string, supported: readonly string[]): DynamoDbError => {
    const message = `${operation} is not emulated locally by TapStack's DynamoDB; supported operations: ${supported.join(', ')}`;
    return new DynamoDbError('UnknownOperationException', message, 400, {
      __type: 'com.amazon.coral.service#UnknownOperationException',
      message,
    });
  },
};
