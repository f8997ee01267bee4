import { randomBytes } from 'node:crypto';
import { sqsErrors } from './errors.ts';

/**
 * Receipt handles: opaque to clients, they name the queue, the message and the receive they came
 * from, so a handle from an earlier receive can be told apart from the latest one.
 */
export interface Receipt {
  readonly queue: string;
  readonly messageId: string;
  readonly token: string;
}

export const newReceiptToken = (): string => randomBytes(12).toString('base64url');

export const encodeReceipt = (receipt: Receipt): string =>
  Buffer.from(`${receipt.queue}\n${receipt.messageId}\n${receipt.token}`).toString('base64url');

export function decodeReceipt(handle: string): Receipt {
  const parts = Buffer.from(handle, 'base64url').toString().split('\n');
  const [queue, messageId, token] = parts;
  if (parts.length !== 3 || !queue || !messageId || !token) throw sqsErrors.receiptHandleIsInvalid(handle);
  return { queue, messageId, token };
}
