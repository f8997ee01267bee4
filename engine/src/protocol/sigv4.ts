/**
 * SigV4 credential parsing and signature verification for the single AWS endpoint.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 *
 * LIMITATIONS: only `AWS4-HMAC-SHA256` (no SigV4a); no clock-skew or presigned-expiry check (the
 * emulated clock and the caller's clock may differ on purpose); session tokens are not validated.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AwsError } from '../runtime/aws-error.ts';
import { canonicalRequest, type SignedRequestParts } from './sigv4-canonical.ts';

/** What the credential scope says about a request, before any signature check. */
export interface SigV4Credential {
  readonly accessKeyId: string;
  /** `YYYYMMDD` from the credential scope. */
  readonly date: string;
  readonly region: string;
  /** Signing name: `dynamodb`, `lambda`, `cloudformation`, `monitoring`, `sts`... */
  readonly service: string;
  /** `X-Amz-Date` (`YYYYMMDDTHHMMSSZ`). */
  readonly amzDate: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly presigned: boolean;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** Coral (JSON services) phrasing; the codes are the same across protocols, statuses too. */
const incomplete = (message: string): AwsError => new AwsError('IncompleteSignatureException', message, 400);
const invalid = (message: string): AwsError => new AwsError('InvalidSignatureException', message, 400);

/**
 * Reads the credential from the `Authorization` header or the presigned query string.
 * Throws `MissingAuthenticationTokenException` when neither is present (what AWS answers an
 * unsigned request), `IncompleteSignatureException` / `InvalidSignatureException` when malformed.
 */
export function parseSigV4(headers: Headers, query: URLSearchParams): SigV4Credential {
  const authorization = header(headers, 'authorization');
  const presigned = query.has('X-Amz-Algorithm');
  if (authorization !== undefined && presigned) {
    throw invalid("Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
  }
  if (authorization === undefined && !presigned) {
    throw new AwsError('MissingAuthenticationTokenException', 'Request is missing Authentication Token', 403);
  }
  return authorization !== undefined ? fromHeader(authorization, headers) : fromQuery(query);
}

function fromHeader(authorization: string, headers: Headers): SigV4Credential {
  const trimmed = authorization.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  if (!algorithm.startsWith('AWS4-')) {
    throw new AwsError('MissingAuthenticationTokenException', 'Request is missing Authentication Token', 403);
  }
  const params = new Map<string, string>();
  for (const part of (space < 0 ? '' : trimmed.slice(space + 1)).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  let missing = '';
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!params.get(name)) missing += `Authorization header requires '${name}' parameter. `;
  }
  const amzDate = header(headers, 'x-amz-date') ?? header(headers, 'date');
  if (!amzDate) {
    missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  if (missing) throw incomplete(`${missing}Authorization=${authorization}`);
  if (algorithm !== ALGORITHM) {
    throw incomplete(`Unsupported AWS 'algorithm': '${algorithm}' (only AWS4-HMAC-SHA256 for now). `);
  }
  return build(
    params.get('Credential') ?? '',
    amzDate ?? '',
    params.get('SignedHeaders') ?? '',
    params.get('Signature') ?? '',
    false,
  );
}

function fromQuery(query: URLSearchParams): SigV4Credential {
  let missing = '';
  for (const name of [
    'X-Amz-Algorithm',
    'X-Amz-Credential',
    'X-Amz-Signature',
    'X-Amz-SignedHeaders',
    'X-Amz-Date',
  ]) {
    if (!query.get(name)) missing += `AWS query-string parameters must include '${name}'. `;
  }
  if (missing) throw incomplete(`${missing}Re-examine the query-string parameters.`);
  const algorithm = query.get('X-Amz-Algorithm') ?? '';
  if (algorithm !== ALGORITHM) {
    throw incomplete(`Unsupported AWS 'algorithm': '${algorithm}' (only AWS4-HMAC-SHA256 for now). `);
  }
  return build(
    query.get('X-Amz-Credential') ?? '',
    query.get('X-Amz-Date') ?? '',
    query.get('X-Amz-SignedHeaders') ?? '',
    query.get('X-Amz-Signature') ?? '',
    true,
  );
}

function build(
  credential: string,
  amzDate: string,
  signedHeaders: string,
  signature: string,
  presigned: boolean,
): SigV4Credential {
  const parts = credential.replace(/\/+$/, '').split('/');
  if (parts.length !== 5) {
    throw incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = parts;
  if (!/^\d{8}T\d{6}Z$/.test(amzDate)) {
    throw incomplete(
      `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  const problems: string[] = [];
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    problems.push(`Credential should be scoped to a valid region, not '${region}'. `);
  if (!/^[a-z0-9-]+$/.test(service))
    problems.push(`Credential should be scoped to correct service, not '${service}'. `);
  if (terminator !== 'aws4_request') {
    problems.push(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `,
    );
  }
  if (date !== amzDate.slice(0, 8)) {
    problems.push(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  const headerList = signedHeaders.split(';').filter(Boolean);
  if (!headerList.includes('host'))
    problems.push("'Host' must be a 'SignedHeader' in the AWS Authorization.");
  if (problems.length > 0) throw invalid(problems.join('').trim());
  if (!accessKeyId)
    throw new AwsError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      400,
    );
  return { accessKeyId, date, region, service, amzDate, signedHeaders: headerList, signature, presigned };
}

const hmac = (key: Buffer | string, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();

/** The signing key derivation: kSecret -> kDate -> kRegion -> kService -> kSigning. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

/**
 * Signing keys by secret and scope. A key is valid for a whole day of one Region and service, and
 * deriving it is four chained HMACs: the edge verifies every request of a function's role, so it
 * keeps them (as the SDKs do on the signing side). Bounded: cleared when it reaches `limit`.
 */
export class SigningKeyCache {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly limit = 256) {}

  get(secret: string, date: string, region: string, service: string): Buffer {
    const id = `${secret}\n${date}\n${region}\n${service}`;
    let key = this.keys.get(id);
    if (!key) {
      key = signingKey(secret, date, region, service);
      if (this.keys.size >= this.limit) this.keys.clear();
      this.keys.set(id, key);
    }
    return key;
  }
}

/** The signature the caller should have sent, given its secret; exported for tests and tools. */
export function expectedSignature(
  credential: SigV4Credential,
  secret: string,
  request: SignedRequestParts,
  keys?: SigningKeyCache,
): string {
  const canonical = canonicalRequest(
    request,
    credential.signedHeaders,
    credential.service,
    credential.presigned,
  );
  const scope = `${credential.date}/${credential.region}/${credential.service}/aws4_request`;
  const stringToSign = [
    ALGORITHM,
    credential.amzDate,
    scope,
    createHash('sha256').update(canonical).digest('hex'),
  ].join('\n');
  const key = keys
    ? keys.get(secret, credential.date, credential.region, credential.service)
    : signingKey(secret, credential.date, credential.region, credential.service);
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

/**
 * Throws `SignatureDoesNotMatch` (403) when the signature is not the one the known secret produces.
 * The code is per protocol in AWS (`InvalidSignatureException` for JSON services); the protocol
 * layer renames it through `error-spelling.ts`.
 */
export function verifySignature(
  credential: SigV4Credential,
  secret: string,
  request: SignedRequestParts,
  keys?: SigningKeyCache,
): void {
  const expected = Buffer.from(expectedSignature(credential, secret, request, keys), 'utf8');
  const given = Buffer.from(credential.signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AwsError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403,
    );
  }
}
