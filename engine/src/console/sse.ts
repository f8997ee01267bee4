/**
 * Server-sent event streams: each open stream runs its own tick once per interval (never faster
 * than once a second) while the page keeps it open, and stops the moment the page goes away.
 * Ticks run on wall-clock timers on purpose: the page is live in real time whatever the engine's
 * emulated clock does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MIN_INTERVAL_MS = 1_000;

export interface StreamSender {
  /** Sends `data` as a `message` event (or a named event). */
  send(data: unknown, event?: string): void;
  /** Ends the stream (the page's EventSource would reconnect; it closes on a `problem` it cannot fix). */
  end(): void;
  /** True once the page went away: a long tick stops early. */
  readonly closed: boolean;
}

export type Tick = (sender: StreamSender) => Promise<void>;

export class StreamHub {
  private readonly open = new Set<ServerResponse>();

  get size(): number {
    return this.open.size;
  }

  start(req: IncomingMessage, res: ServerResponse, intervalMs: number, tick: Tick): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.write(': stream open\n\n');
    this.open.add(res);
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    const stop = () => {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      this.open.delete(res);
      if (!res.writableEnded) res.end();
    };
    req.on('close', stop);
    res.on('error', stop);
    const sender: StreamSender = {
      send: (data, event) => {
        if (closed) return;
        res.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
      },
      end: stop,
      get closed() {
        return closed;
      },
    };
    const run = async () => {
      try {
        await tick(sender);
      } catch (error) {
        sender.send({ message: (error as Error).message }, 'problem');
      }
      if (!closed) timer = setTimeout(run, Math.max(MIN_INTERVAL_MS, intervalMs));
    };
    void run();
  }

  /** Ends every open stream (before the listener closes, which waits for open responses). */
  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}

/** A tick that sends a snapshot only when it differs from the last one sent. */
export function snapshotTick(read: () => Promise<unknown>): Tick {
  let last = '';
  return async (sender) => {
    const value = await read();
    const text = JSON.stringify(value);
    if (text === last) return;
    last = text;
    sender.send(value);
  };
}
