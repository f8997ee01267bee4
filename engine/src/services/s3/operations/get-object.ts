import { s3Errors } from '../errors.ts';
import type { S3Caller } from '../policy.ts';
import { header, type OperationHandler } from '../rest-xml/http-message.ts';
import { objectHeaders, objectVersionInput } from '../rest-xml/object-headers.ts';
import type { S3Context } from '../service.ts';
import { type GetObjectInput, type HeadObjectOutput, headObject } from './head-object.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html */
export interface GetObjectOutput extends HeadObjectOutput {
  readonly body: Buffer;
}

export function getObject(ctx: S3Context, input: GetObjectInput, caller: S3Caller): GetObjectOutput {
  const head = headObject(ctx, input, caller);
  return { ...head, body: ctx.store.readBody(head.version.bodyFile as string) };
}

/** `bytes=a-b`, `bytes=a-` and `bytes=-n`; other forms (multiple ranges) return the whole object. */
export function parseRange(
  range: string | undefined,
  size: number,
): { start: number; end: number } | undefined {
  const match = range?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) throw s3Errors.invalidRange();
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) throw s3Errors.invalidRange();
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

export const getObjectHandler: OperationHandler = (service, request) => {
  const { version, versioned, body } = service.getObject(objectVersionInput(request), request.caller);
  const headers = objectHeaders(version, versioned);
  const range = parseRange(header(request, 'range'), body.length);
  if (!range) return { status: 200, headers, body };
  return {
    status: 206,
    headers: {
      ...headers,
      'content-length': String(range.end - range.start + 1),
      'content-range': `bytes ${range.start}-${range.end}/${body.length}`,
    },
    body: body.subarray(range.start, range.end + 1),
  };
};
