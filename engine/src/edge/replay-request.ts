/**
 * Hands a raw service (dynalite) a request whose body the edge already read: a fresh
 * IncomingMessage on the same socket, carrying the same method, URL and headers, that emits the
 * buffered bytes once and ends.
 */
import { IncomingMessage } from 'node:http';

export function replayRequest(original: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = new IncomingMessage(original.socket);
  replay.method = original.method ?? 'GET';
  replay.url = original.url ?? '/';
  replay.headers = original.headers;
  replay.rawHeaders = original.rawHeaders;
  replay.httpVersionMajor = original.httpVersionMajor;
  replay.httpVersionMinor = original.httpVersionMinor;
  replay.httpVersion = original.httpVersion;
  if (body.length > 0) replay.push(body);
  replay.push(null);
  // Marks the message as fully received so destroying it never tears down the shared socket.
  replay.complete = true;
  return replay;
}
