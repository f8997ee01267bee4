/**
 * Request body decoding. API Gateway base64-encodes bodies it does not consider text
 * (`isBase64Encoded`); we store text when the bytes are valid UTF-8 and base64 otherwise, so
 * no byte is lost and text stays readable in the table.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */

/** How `Body` is stored: `text` (UTF-8 as is) or `base64` (binary). */
export type BodyEncoding = 'text' | 'base64';

export interface DecodedBody {
  /** The raw bytes as received by API Gateway. */
  readonly bytes: Uint8Array;
  /** The stored representation: the text, or the base64 of `bytes`. */
  readonly stored: string;
  readonly encoding: BodyEncoding;
}

/** Decodes the event's body; `undefined` when there is none (absent or empty). */
export function decodeBody(body: string | undefined, isBase64Encoded: boolean): DecodedBody | undefined {
  if (body === undefined || body === '') return undefined;
  if (!isBase64Encoded) {
    return { bytes: Buffer.from(body, 'utf8'), stored: body, encoding: 'text' };
  }
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length === 0) return undefined;
  const text = utf8Text(bytes);
  return text === undefined
    ? { bytes, stored: bytes.toString('base64'), encoding: 'base64' }
    : { bytes, stored: text, encoding: 'text' };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** `application/json` or any `+json` structured syntax suffix (RFC 6839), parameters ignored. */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/** True when a body that claims to be JSON actually parses (binary bodies never do). */
export function isValidJsonBody(body: DecodedBody): boolean {
  if (body.encoding !== 'text') return false;
  try {
    JSON.parse(body.stored);
    return true;
  } catch {
    return false;
  }
}
