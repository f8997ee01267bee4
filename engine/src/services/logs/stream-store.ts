import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogEvent } from './sink.ts';

/** A stored event: what PutLogEvents took, plus when it arrived. */
export interface StoredEvent extends LogEvent {
  readonly ingestionTime: number;
}

export interface StreamMeta {
  readonly groupName: string;
  readonly streamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  storedBytes: number;
}

/**
 * Log events on disk, one append-only NDJSON file per stream (`[timestamp, ingestionTime, message]`
 * per line), so the engine's memory does not grow with log volume. Appends are batched per stream
 * and written in order; reads flush pending appends first so a reader sees every accepted event.
 */
export class StreamStore {
  private readonly pending = new Map<string, string[]>();
  private readonly chains = new Map<string, Promise<void>>();
  private flushScheduled = false;
  readonly streams = new Map<string, StreamMeta>();

  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true, mode: 0o700 });
  }

  /** Finds the streams already on disk (names come back from the encoded file names). */
  async load(): Promise<void> {
    for (const groupDir of readdirSync(this.root)) {
      const groupName = decodeURIComponent(groupDir);
      for (const file of readdirSync(join(this.root, groupDir))) {
        if (!file.endsWith('.ndjson')) continue;
        const streamName = decodeURIComponent(file.slice(0, -'.ndjson'.length));
        const events = await this.readFile(groupName, streamName);
        const meta: StreamMeta = {
          groupName,
          streamName,
          creationTime: events[0]?.ingestionTime ?? 0,
          storedBytes: 0,
        };
        for (const event of events) track(meta, event);
        this.streams.set(key(groupName, streamName), meta);
      }
    }
  }

  append(groupName: string, streamName: string, events: readonly StoredEvent[], now: number): void {
    const id = key(groupName, streamName);
    let meta = this.streams.get(id);
    if (!meta) {
      meta = { groupName, streamName, creationTime: now, storedBytes: 0 };
      this.streams.set(id, meta);
      mkdirSync(join(this.root, encodeURIComponent(groupName)), { recursive: true, mode: 0o700 });
    }
    const lines = this.pending.get(id) ?? [];
    for (const event of events) {
      track(meta, event);
      lines.push(JSON.stringify([event.timestamp, event.ingestionTime, event.message]));
    }
    this.pending.set(id, lines);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  /** Writes every pending append; resolves when they are on disk. */
  async flush(): Promise<void> {
    this.flushScheduled = false;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [id, lines] of batches) {
      const meta = this.streams.get(id);
      if (!meta) continue;
      const file = this.fileOf(meta.groupName, meta.streamName);
      this.enqueue(id, () => appendFile(file, `${lines.join('\n')}\n`, { mode: 0o600 }));
    }
    await Promise.all(this.chains.values());
  }

  async read(groupName: string, streamName: string): Promise<StoredEvent[]> {
    await this.flush();
    return this.readFile(groupName, streamName);
  }

  /** Drops events older than `cutoff`; a stream left empty is deleted. */
  async expire(groupName: string, cutoff: number): Promise<void> {
    await this.flush();
    for (const meta of this.streamsOf(groupName)) {
      if ((meta.firstEventTimestamp ?? cutoff) >= cutoff) continue;
      const id = key(meta.groupName, meta.streamName);
      const kept = (await this.readFile(meta.groupName, meta.streamName)).filter(
        (e) => e.timestamp >= cutoff,
      );
      if (kept.length === 0) {
        this.deleteStream(meta.groupName, meta.streamName);
        continue;
      }
      const fresh: StreamMeta = { ...meta, storedBytes: 0 };
      delete fresh.firstEventTimestamp;
      for (const event of kept) track(fresh, event);
      this.streams.set(id, fresh);
      const file = this.fileOf(meta.groupName, meta.streamName);
      const body = `${kept.map((e) => JSON.stringify([e.timestamp, e.ingestionTime, e.message])).join('\n')}\n`;
      await this.enqueue(id, async () => {
        await writeFile(`${file}.tmp`, body, { mode: 0o600 });
        await rename(`${file}.tmp`, file);
      });
    }
  }

  streamsOf(groupName: string): StreamMeta[] {
    return [...this.streams.values()].filter((meta) => meta.groupName === groupName);
  }

  deleteStream(groupName: string, streamName: string): void {
    this.streams.delete(key(groupName, streamName));
    this.pending.delete(key(groupName, streamName));
    rmSync(this.fileOf(groupName, streamName), { force: true });
  }

  deleteGroup(groupName: string): void {
    for (const meta of this.streamsOf(groupName)) this.deleteStream(groupName, meta.streamName);
    rmSync(join(this.root, encodeURIComponent(groupName)), { recursive: true, force: true });
  }

  private enqueue(id: string, work: () => Promise<void>): Promise<void> {
    const next = (this.chains.get(id) ?? Promise.resolve()).then(work);
    const settled = next.catch(() => undefined);
    this.chains.set(id, settled);
    void settled.then(() => {
      if (this.chains.get(id) === settled) this.chains.delete(id);
    });
    return next;
  }

  private async readFile(groupName: string, streamName: string): Promise<StoredEvent[]> {
    const file = this.fileOf(groupName, streamName);
    if (!existsSync(file)) return [];
    const text = await readFile(file, 'utf8');
    const events: StoredEvent[] = [];
    for (const line of text.split('\n')) {
      if (line === '') continue;
      try {
        const [timestamp, ingestionTime, message] = JSON.parse(line) as [number, number, string];
        events.push({ timestamp, ingestionTime, message });
      } catch {
        // A line torn by a crash mid-append is skipped; the events before and after it are intact.
      }
    }
    return events;
  }

  private fileOf(groupName: string, streamName: string): string {
    return join(this.root, encodeURIComponent(groupName), `${encodeURIComponent(streamName)}.ndjson`);
  }
}

const key = (groupName: string, streamName: string): string => `${groupName}\u0000${streamName}`;

function track(meta: StreamMeta, event: StoredEvent): void {
  meta.firstEventTimestamp = Math.min(meta.firstEventTimestamp ?? event.timestamp, event.timestamp);
  meta.lastEventTimestamp = Math.max(meta.lastEventTimestamp ?? event.timestamp, event.timestamp);
  meta.lastIngestionTime = Math.max(meta.lastIngestionTime ?? event.ingestionTime, event.ingestionTime);
  meta.storedBytes += Buffer.byteLength(event.message) + 26;
}
