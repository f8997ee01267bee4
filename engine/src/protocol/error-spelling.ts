/**
 * AWS irregularities in how the same failure is spelled per protocol. Services and the edge throw
 * one code (`AccessDeniedException`, `SignatureDoesNotMatch`...); the serializer renames it here.
 * Sources are listed in ../edge/AWS-FACTS.md.
 */
import { AwsError } from '../runtime/aws-error.ts';

export type WireProtocol = 'json' | 'query' | 'rest-json' | 'rest-xml';

interface Spelling {
  readonly code: string;
  readonly status: number;
}

/**
 * - DynamoDB (JSON) answers AccessDenied, a bad signature and a missing token with 400, not 403.
 * - awsQuery services (STS, CloudFormation, IAM) drop the `Exception` suffix and use 403.
 * - Lambda (REST-JSON) uses the `...Exception` codes with 403.
 * - S3 (REST-XML) says `AccessDenied`.
 */
const SPELLINGS: Readonly<Record<WireProtocol, Readonly<Record<string, Spelling>>>> = {
  json: {
    SignatureDoesNotMatch: { code: 'InvalidSignatureException', status: 400 },
    AccessDeniedException: { code: 'AccessDeniedException', status: 400 },
    MissingAuthenticationTokenException: { code: 'MissingAuthenticationTokenException', status: 400 },
  },
  query: {
    AccessDeniedException: { code: 'AccessDenied', status: 403 },
    MissingAuthenticationTokenException: { code: 'MissingAuthenticationToken', status: 403 },
    IncompleteSignatureException: { code: 'IncompleteSignature', status: 400 },
    InvalidSignatureException: { code: 'SignatureDoesNotMatch', status: 403 },
    UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
  },
  'rest-json': {
    SignatureDoesNotMatch: { code: 'InvalidSignatureException', status: 403 },
    AccessDeniedException: { code: 'AccessDeniedException', status: 403 },
    InvalidSignatureException: { code: 'InvalidSignatureException', status: 403 },
    UnrecognizedClientException: { code: 'UnrecognizedClientException', status: 403 },
  },
  'rest-xml': {
    AccessDeniedException: { code: 'AccessDenied', status: 403 },
    MissingAuthenticationTokenException: { code: 'AccessDenied', status: 403 },
  },
};

/** The error as the given protocol spells it (same message). */
export function spellFor(protocol: WireProtocol, error: AwsError): AwsError {
  const spelling = SPELLINGS[protocol][error.code];
  return spelling ? new AwsError(spelling.code, error.message, spelling.status) : error;
}

/**
 * JSON errors raised by the request framework rather than the service carry the coral
 * namespace, e.g. `com.amazon.coral.service#UnknownOperationException`.
 */
export const CORAL_CODES: ReadonlySet<string> = new Set([
  'AccessDeniedException',
  'IncompleteSignatureException',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'UnrecognizedClientException',
  'SerializationException',
  'UnknownOperationException',
  'InternalFailure',
]);

/** Coral's AccessDeniedException spells its message key `Message`; the others `message`. */
export const CAPITALIZED_MESSAGE_CODES: ReadonlySet<string> = new Set(['AccessDeniedException']);
