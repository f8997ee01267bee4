import { describe, expect, it } from 'vitest';
import { AwsError } from '../runtime/aws-error.ts';
import { expectedSignature, parseSigV4, SigningKeyCache, signingKey, verifySignature } from './sigv4.ts';
import { canonicalPath, canonicalQuery } from './sigv4-canonical.ts';

// AWS's worked example: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
// (GET iam ListUsers, 2015-08-30T12:36:00Z, the documentation's example secret).
const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const exampleHeaders = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
  'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
  host: 'iam.amazonaws.com',
  'x-amz-date': '20150830T123600Z',
};
const exampleRequest = {
  method: 'GET',
  url: '/?Action=ListUsers&Version=2010-05-08',
  headers: exampleHeaders,
  body: Buffer.alloc(0),
};

const errorOf = (fn: () => unknown): AwsError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AwsError) return error;
    throw error;
  }
  throw new Error('expected an AwsError');
};

describe('parseSigV4', () => {
  it('reads key, date, region and service from the Authorization header', () => {
    // Act
    const credential = parseSigV4(exampleHeaders, new URLSearchParams());
    // Assess
    expect(credential).toMatchObject({
      accessKeyId: 'AKIDEXAMPLE',
      date: '20150830',
      region: 'us-east-1',
      service: 'iam',
      signedHeaders: ['content-type', 'host', 'x-amz-date'],
      presigned: false,
    });
  });

  it('reads a presigned query string', () => {
    // Prepare
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'AKID/20261125/eu-west-1/s3/aws4_request',
      'X-Amz-Date': '20261125T000000Z',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': 'abc',
    });
    // Act
    const credential = parseSigV4({}, query);
    // Assess
    expect(credential).toMatchObject({
      accessKeyId: 'AKID',
      region: 'eu-west-1',
      service: 's3',
      presigned: true,
    });
  });

  it.each([
    [{}, 'MissingAuthenticationTokenException', 'Request is missing Authentication Token'],
    [
      { authorization: 'Basic abc' },
      'MissingAuthenticationTokenException',
      'Request is missing Authentication Token',
    ],
    [
      {
        authorization:
          'AWS4-HMAC-SHA1 Credential=a/20261125/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x',
        'x-amz-date': '20261125T000000Z',
      },
      'IncompleteSignatureException',
      "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1' (only AWS4-HMAC-SHA256 for now). ",
    ],
    [
      {
        authorization:
          'AWS4-HMAC-SHA256 Credential=a/20261125/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x',
      },
      'IncompleteSignatureException',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential=a/20261125/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x",
    ],
    [
      {
        authorization:
          'AWS4-HMAC-SHA256 Credential=a/20261125/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x',
        'x-amz-date': '2026',
      },
      'IncompleteSignatureException',
      "Date must be in ISO-8601 'basic format'. Got '2026'. See http://en.wikipedia.org/wiki/ISO_8601",
    ],
    [
      {
        authorization:
          'AWS4-HMAC-SHA256 Credential=a/20261125/nowhere/sts/aws4_reques, SignedHeaders=host, Signature=x',
        'x-amz-date': '20261125T000000Z',
      },
      'InvalidSignatureException',
      "Credential should be scoped to a valid region, not 'nowhere'. Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_reques'.",
    ],
  ])('rejects %j with %s', (headers, code, message) => {
    // Act
    const error = errorOf(() => parseSigV4(headers, new URLSearchParams()));
    // Assess
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it('rejects both a header and a presigned query', () => {
    // Act
    const error = errorOf(() =>
      parseSigV4(exampleHeaders, new URLSearchParams({ 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' })),
    );
    // Assess
    expect(error.code).toBe('InvalidSignatureException');
  });
});

describe('signature verification', () => {
  it('derives the signing key of AWS documentation example', () => {
    // Act
    const key = signingKey(EXAMPLE_SECRET, '20150830', 'us-east-1', 'iam');
    // Assess
    expect(key.toString('hex')).toBe('c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
  });

  it('computes the signature of AWS documentation example', () => {
    // Prepare
    const credential = parseSigV4(exampleHeaders, new URLSearchParams());
    // Act
    const signature = expectedSignature(credential, EXAMPLE_SECRET, exampleRequest);
    // Assess
    expect(signature).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
    expect(() => verifySignature(credential, EXAMPLE_SECRET, exampleRequest)).not.toThrow();
  });

  it('throws SignatureDoesNotMatch 403 when anything signed changed', () => {
    // Prepare
    const credential = parseSigV4(exampleHeaders, new URLSearchParams());
    const tampered = { ...exampleRequest, url: '/?Action=ListUsers&Version=2010-05-09' };
    // Act
    const error = errorOf(() => verifySignature(credential, EXAMPLE_SECRET, tampered));
    // Assess
    expect(error.code).toBe('SignatureDoesNotMatch');
    expect(error.status).toBe(403);
  });
});

describe('presigned URL verification', () => {
  // S3's documented presigned GET example (secret `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`):
  // https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const query =
    'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
  const headers = { host: 'examplebucket.s3.amazonaws.com' };

  it('accepts the documented signature and refuses a changed key', () => {
    // Prepare
    const credential = parseSigV4(headers, new URLSearchParams(query));
    // Act
    const verify = (path: string) => () =>
      verifySignature(credential, secret, {
        method: 'GET',
        url: `${path}?${query}`,
        headers,
        body: undefined,
      });
    // Assess
    expect(credential.presigned).toBe(true);
    expect(verify('/test.txt')).not.toThrow();
    expect(verify('/other.txt')).toThrowError(/does not match/);
  });
});

describe('SigningKeyCache', () => {
  it('verifies with a kept signing key and still refuses another secret for the same scope', () => {
    // Prepare: the key of the documented example is cached first.
    const keys = new SigningKeyCache();
    const credential = parseSigV4(exampleHeaders, new URLSearchParams());
    verifySignature(credential, EXAMPLE_SECRET, exampleRequest, keys);

    // Act
    const again = () => verifySignature(credential, EXAMPLE_SECRET, exampleRequest, keys);
    const otherSecret = () => verifySignature(credential, `${EXAMPLE_SECRET}x`, exampleRequest, keys);

    // Assess
    expect(again).not.toThrow();
    expect(errorOf(otherSecret).code).toBe('SignatureDoesNotMatch');
    expect(keys.get(EXAMPLE_SECRET, '20150830', 'us-east-1', 'iam')).toEqual(
      signingKey(EXAMPLE_SECRET, '20150830', 'us-east-1', 'iam'),
    );
  });

  it('keeps at most its limit of keys and derives a dropped one again', () => {
    // Prepare
    const keys = new SigningKeyCache(2);
    const first = keys.get('s1', '20260101', 'us-east-1', 'dynamodb');

    // Act: two more scopes push past the limit.
    keys.get('s1', '20260102', 'us-east-1', 'dynamodb');
    keys.get('s1', '20260103', 'us-east-1', 'dynamodb');

    // Assess
    expect(keys.get('s1', '20260101', 'us-east-1', 'dynamodb')).toEqual(first);
  });
});

describe('canonical request parts', () => {
  it.each([
    ['/', 'lambda', '/'],
    ['', 'lambda', '/'],
    ['/2015-03-31/functions/my%3Afn/invocations', 'lambda', '/2015-03-31/functions/my%253Afn/invocations'],
    ['/a/./b/../c/', 'lambda', '/a/c/'],
    ['/bucket/key%20with%20space', 's3', '/bucket/key%20with%20space'],
  ])('path %s signed by %s is %s', (raw, service, expected) => {
    expect(canonicalPath(raw, service)).toBe(expected);
  });

  it.each([
    ['b=2&a=1', false, 'a=1&b=2'],
    ['x=a%20b&y=%2A', false, 'x=a%20b&y=%2A'],
    ['flag&X-Amz-Signature=abc&a=', true, 'a=&flag='],
  ])('query %s (presigned %s) is %s', (raw, presigned, expected) => {
    expect(canonicalQuery(raw, presigned)).toBe(expected);
  });
});
