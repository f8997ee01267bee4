/**
 * An error as AWS reports it: a code (`ResourceNotFoundException`), an HTTP status and whether the
 * caller is at fault. Services throw these; the protocol layer serializes them for the wire and
 * the deploy engine turns them into failed stack events. Nothing converts one into a success.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly senderFault = status < 500,
    /** The underlying failure, kept for the engine's log; never serialized to the client. */
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = code;
  }
}

export const isAwsError = (value: unknown): value is AwsError => value instanceof AwsError;
