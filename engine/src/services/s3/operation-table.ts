/**
 * S3's ServiceEntry: a raw REST-XML service that reads its own requests (S3 streams bodies up to
 * 5 GB), with the IAM target of each request for role callers and CORS from the bucket's rules.
 */
import type { RawServiceEntry } from '../../protocol/service-entry.ts';
import { s3AuthorizationTarget } from './authorization.ts';
import { createS3Cors } from './http/cors-answers.ts';
import { createS3HttpHandler, type S3HttpOptions } from './http/handler.ts';
import type { S3Service } from './service.ts';

export function s3ServiceEntry(service: S3Service, options: S3HttpOptions = {}): RawServiceEntry {
  const handle = createS3HttpHandler(service, options);
  return {
    kind: 'raw',
    handler: (req, res) => void handle(req, res),
    errorFormat: { protocol: 'rest-xml' },
    // Unsigned requests that name no other service are S3's, answered in S3's XML.
    catchAll: true,
    authorizationTarget: s3AuthorizationTarget,
    cors: createS3Cors(service),
  };
}
