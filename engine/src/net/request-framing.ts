/**
 * Follows the HTTP/1.1 framing of the bytes a client sends on one connection, only far enough to
 * spot what Node's parser accepts and then waits on forever: an HTTP/0.9 request line (no
 * version; Node waits for headers or answers it as HTTP/1.1) and a chunk size no real client sends
 * (`FFFFFFFFFFFFFFFF`, `7FFFFFFF`: Node waits for gigabytes that never come). Anything it cannot
 * follow (upgrades, CONNECT, oversized heads that Node refuses itself) stops the tracking.
 * https://www.rfc-editor.org/rfc/rfc9112#section-3 (request line)
 * https://www.rfc-editor.org/rfc/rfc9112#section-7.1 (chunked transfer coding)
 */

/** What the tracker decided about the bytes seen so far. */
export type FramingVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const OK: FramingVerdict = { ok: true };
const MAX_HEAD = 64 * 1024;
const MAX_LINE = 4 * 1024;

type State =
  | { kind: 'head'; buffer: string }
  | { kind: 'body'; remaining: number }
  | { kind: 'chunk-size'; line: string }
  | { kind: 'chunk-data'; remaining: number }
  | { kind: 'trailers'; line: string }
  | { kind: 'off' };

export class RequestFraming {
  private state: State = { kind: 'head', buffer: '' };

  constructor(private readonly maxChunkBytes: number) {}

  /** Feeds the next bytes read from the socket; a refusal means: answer 400 and close. */
  push(data: Buffer): FramingVerdict {
    let offset = 0;
    while (offset < data.length) {
      const state = this.state;
      switch (state.kind) {
        case 'off':
          return OK;
        case 'body':
        case 'chunk-data': {
          const take = Math.min(state.remaining, data.length - offset);
          state.remaining -= take;
          offset += take;
          if (state.remaining === 0)
            this.state =
              state.kind === 'body' ? { kind: 'head', buffer: '' } : { kind: 'chunk-size', line: '' };
          break;
        }
        case 'head': {
          const end = data.indexOf(0x0a, offset);
          const piece = data.toString('latin1', offset, end < 0 ? data.length : end + 1);
          offset = end < 0 ? data.length : end + 1;
          // Blank lines before a request line are allowed (RFC 9112 section 2.2).
          if (state.buffer === '' && (piece === '\r\n' || piece === '\n')) break;
          state.buffer += piece;
          if (state.buffer.length > MAX_HEAD) {
            this.state = { kind: 'off' };
            return OK;
          }
          const verdict = this.checkHead(state.buffer);
          if (!verdict.ok) return verdict;
          break;
        }
        case 'chunk-size':
        case 'trailers': {
          const end = data.indexOf(0x0a, offset);
          state.line += data.toString('latin1', offset, end < 0 ? data.length : end + 1);
          offset = end < 0 ? data.length : end + 1;
          if (state.line.length > MAX_LINE)
            return { ok: false, reason: 'a chunk-size or trailer line longer than 4 KiB' };
          if (end < 0) break;
          const line = state.line.replace(/\r?\n$/, '');
          if (state.kind === 'trailers') {
            this.state = line === '' ? { kind: 'head', buffer: '' } : { kind: 'trailers', line: '' };
            break;
          }
          const sizeText = (line.split(';')[0] ?? '').trim();
          if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText))
            return { ok: false, reason: `an invalid chunk size '${sizeText.slice(0, 32)}'` };
          const size = Number.parseInt(sizeText, 16);
          if (!(size <= this.maxChunkBytes))
            return {
              ok: false,
              reason: `a chunk size of ${sizeText} bytes, more than the ${this.maxChunkBytes} bytes one chunk may hold here`,
            };
          this.state =
            size === 0 ? { kind: 'trailers', line: '' } : { kind: 'chunk-data', remaining: size + 2 };
          break;
        }
      }
    }
    return OK;
  }

  /** Looks at a (possibly partial) request head; moves on once its blank line arrived. */
  private checkHead(head: string): FramingVerdict {
    const firstEnd = head.indexOf('\n');
    if (firstEnd < 0) return OK;
    const requestLine = head.slice(0, firstEnd).replace(/\r$/, '');
    if (!/ HTTP\/\d\.\d$/.test(requestLine))
      return { ok: false, reason: 'a request line without an HTTP/1.x version (HTTP/0.9 is not served)' };
    if (!/\r?\n\r?\n$/.test(head)) return OK;
    const lines = head.split(/\r?\n/).slice(1);
    let chunked = false;
    let length = 0;
    let upgrade = requestLine.startsWith('CONNECT ');
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line
        .slice(colon + 1)
        .trim()
        .toLowerCase();
      if (name === 'transfer-encoding' && value.split(',').some((v) => v.trim() === 'chunked'))
        chunked = true;
      else if (name === 'content-length' && /^\d+$/.test(value)) length = Number(value);
      else if (name === 'upgrade') upgrade = true;
    }
    if (upgrade) this.state = { kind: 'off' };
    else if (chunked) this.state = { kind: 'chunk-size', line: '' };
    else if (length > 0) this.state = { kind: 'body', remaining: length };
    else this.state = { kind: 'head', buffer: '' };
    return OK;
  }
}
