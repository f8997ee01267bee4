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

/** What a request head said about the body that follows it, gathered line by line. */
interface HeadState {
  kind: 'head';
  /** The current line so far (a line may arrive in pieces). */
  line: string;
  /** Bytes of the head so far, blank lines before the request line not counted. */
  size: number;
  started: boolean;
  chunked: boolean;
  length: number;
  upgrade: boolean;
}

type State =
  | HeadState
  | { kind: 'body'; remaining: number }
  | { kind: 'chunk-size'; line: string }
  | { kind: 'chunk-data'; remaining: number }
  | { kind: 'trailers'; line: string }
  | { kind: 'off' };

const freshHead = (): HeadState => ({
  kind: 'head',
  line: '',
  size: 0,
  started: false,
  chunked: false,
  length: 0,
  upgrade: false,
});

export class RequestFraming {
  private state: State = freshHead();

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
            this.state = state.kind === 'body' ? freshHead() : { kind: 'chunk-size', line: '' };
          break;
        }
        case 'head': {
          const end = data.indexOf(0x0a, offset);
          const piece = data.toString('latin1', offset, end < 0 ? data.length : end + 1);
          offset = end < 0 ? data.length : end + 1;
          state.line += piece;
          // Blank lines before a request line are allowed (RFC 9112 section 2.2).
          if (!state.started && (state.line === '\r\n' || state.line === '\n')) {
            state.line = '';
            break;
          }
          state.size += piece.length;
          if (state.size > MAX_HEAD) {
            this.state = { kind: 'off' };
            return OK;
          }
          if (end < 0) break;
          const verdict = this.headLine(state, state.line.replace(/\r?\n$/, ''));
          state.line = '';
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
            this.state = line === '' ? freshHead() : { kind: 'trailers', line: '' };
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

  /**
   * One complete line of a request head (without its line break). Each line is looked at once, and
   * only the three headers that decide the framing are read; the blank line moves on to the body.
   */
  private headLine(head: HeadState, line: string): FramingVerdict {
    if (!head.started) {
      head.started = true;
      if (!/ HTTP\/\d\.\d$/.test(line))
        return { ok: false, reason: 'a request line without an HTTP/1.x version (HTTP/0.9 is not served)' };
      head.upgrade = line.startsWith('CONNECT ');
      return OK;
    }
    if (line === '') {
      if (head.upgrade) this.state = { kind: 'off' };
      else if (head.chunked) this.state = { kind: 'chunk-size', line: '' };
      else if (head.length > 0) this.state = { kind: 'body', remaining: head.length };
      else this.state = freshHead();
      return OK;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || !FRAMING_HEADER_INITIALS.has(line.charCodeAt(0) | 0x20)) return OK;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (name !== 'transfer-encoding' && name !== 'content-length' && name !== 'upgrade') return OK;
    const value = line
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (name === 'transfer-encoding' && value.split(',').some((v) => v.trim() === 'chunked'))
      head.chunked = true;
    else if (name === 'content-length' && /^\d+$/.test(value)) head.length = Number(value);
    else if (name === 'upgrade') head.upgrade = true;
    return OK;
  }
}

/** `t`, `c`, `u` (lowercased char codes): the first letters of the headers `headLine` reads. */
const FRAMING_HEADER_INITIALS = new Set([0x74, 0x63, 0x75]);
