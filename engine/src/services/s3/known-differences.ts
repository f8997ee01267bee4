/**
 * Where the local S3 knowingly differs from AWS, kept in one place.
 *
 * 1. Secure transport. AWS evaluates `aws:SecureTransport` from the connection: false for plain
 *    HTTP. The local endpoint only speaks plain HTTP, so a TLS-only bucket policy (CDK
 *    `enforceSSL: true`) would deny every local request. Requests are therefore treated as secure
 *    unless the service is built with `treatPlainHttpAsSecure: false` AND the caller says
 *    `secureTransport: false` (tests use this to prove the deny works). Service principals writing
 *    internally (Firehose delivery) always count as secure, as they use TLS on AWS.
 * 2. CreateBucket on a bucket you already own answers BucketAlreadyOwnedByYou in every Region;
 *    AWS answers 200 in us-east-1 for legacy reasons. Refusing keeps name collisions visible.
 * 3. Lifecycle runs in a sweep at every emulated midnight UTC (and on `runLifecycle()`); AWS runs it
 *    asynchronously some time after the due midnight, so AWS may act later, never earlier.
 */
export const LOCAL_REQUESTS_ARE_SECURE_BY_DEFAULT = true;
