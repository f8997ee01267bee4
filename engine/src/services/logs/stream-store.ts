import {
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { namingFile } from '../../runtime/atomic-write.ts';
import { failureLine, RetryBackoff, stderrWarn, type Warn } from '../../runtime/background-task.ts';
import { DEFAULT_HELD_BYTES, DropCounter, HELD_RETRY_MS, type WriteGate } from '../../runtime/held-writes.ts';
import { decodePathSegment, encodePathSegment, isHashedSegment } from '../../runtime/path-segment.ts';
import type { LogEvent } from './sink.ts';
import { StreamTimeIndex } from './stream-time-index.ts';

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

/** Append descriptors kept open at most; the least recently written is closed past it. */
const MAX_OPEN_FILES = 128;

/**
 * Log events on disk, one append-only NDJSON file per stream (`[timestamp, ingestionTime, message]`
 * per line), so the engine's memory does not grow with log volume. Appends are batched per stream
 * (everything accepted in one event-loop turn) and written in order; reads flush pending appends
 * first so a reader sees every accepted event.
 *
 * Why the writes are synchronous on kept-open descriptors: every Lambda execution environment has
 * its own stream, so under load a batch touches dozens of files, and `appendFile` per file cost an
 * open, a write and a close, each a hop through libuv's thread pool (measured: about 3x the pool
 * work of the whole DynamoDB path). One `write(2)` of a few hundred bytes to the page cache is
 * cheaper than one such hop. Nothing is fsync'ed, as before.
 */
export class StreamStore {
  private readonly pending = new Map<string, string[]>();
  private readonly chains = new Map<string, Promise<void>>();
  /** Open append descriptors by stream key, least recently written first. */
  private readonly files = new Map<string, number>();
  /** Where reads from a start time begin in each file (stream-time-index.ts). */
  private readonly timeIndex = new StreamTimeIndex();
  private flushScheduled = false;
  private readonly backoff = new RetryBackoff();
  private retryTimer: NodeJS.Timeout | undefined;
  /** Where flush failures are reported (one line naming the file); default stderr. */
  warn: Warn = stderrWarn;
  /** Under the disk's hard floor, appends wait in memory (at most `heldBytes`) instead of being written. */
  gate: WriteGate | undefined;
  heldBytes = DEFAULT_HELD_BYTES;
  private pendingBytes = 0;
  private drops: DropCounter | undefined;
  readonly streams = new Map<string, StreamMeta>();

  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true, mode: 0o700 });
  }

  /**
   * Finds the streams already on disk. Names come back from the encoded file names, or from the
   * `.name` sidecar of a hashed (over-long) one; a file written under an older encoding is renamed
   * to the current one so appends and reads meet in one file.
   */
  async load(): Promise<void> {
    for (const groupDir of readdirSync(this.root)) {
      const groupPath = join(this.root, groupDir);
      const groupName = nameOf(groupDir, join(groupPath, GROUP_NAME_FILE));
      if (groupName === undefined) continue;
      if (encodePathSegment(groupName) !== groupDir) {
        if (existsSync(this.groupDirOf(groupName))) continue;
        renameSync(groupPath, this.groupDirOf(groupName));
      }
      for (const file of readdirSync(this.groupDirOf(groupName))) {
        if (!file.endsWith('.ndjson')) continue;
        const segment = file.slice(0, -'.ndjson'.length);
        const streamName = nameOf(segment, join(this.groupDirOf(groupName), `${segment}.name`));
        if (streamName === undefined) continue;
        const canonical = this.fileOf(groupName, streamName);
        const current = join(this.groupDirOf(groupName), file);
        if (canonical !== current) {
          if (existsSync(canonical)) continue;
          renameSync(current, canonical);
        }
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
    }
    const lines = this.pending.get(id) ?? [];
    for (const event of events) {
      track(meta, event);
      const line = JSON.stringify([event.timestamp, event.ingestionTime, event.message]);
      lines.push(line);
      this.pendingBytes += line.length + 1;
    }
    this.pending.set(id, lines);
    // Held under the floor, appends must not grow memory without bound either.
    if (this.pendingBytes > this.heldBytes && this.gate?.belowFloor()) this.bound();
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  /** CreateLogStream: an empty stream, as an empty file so it is found again after a restart. */
  create(groupName: string, streamName: string, now: number): void {
    const id = key(groupName, streamName);
    const meta: StreamMeta = { groupName, streamName, creationTime: now, storedBytes: 0 };
    this.streams.set(id, meta);
    this.write(id, meta, '');
  }

  has(groupName: string, streamName: string): boolean {
    return this.streams.has(key(groupName, streamName));
  }

  /**
   * Writes every pending append; resolves when they are on disk. Under the disk's floor they are
   * held instead (see `hold`), unless `force` (shutdown: what is held, at most `heldBytes`, is
   * written rather than lost).
   */
  async flush(force = false): Promise<void> {
    this.flushScheduled = false;
    if (force && this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    if (this.retryTimer) return;
    if (!force && this.gate?.belowFloor()) {
      this.hold();
      return;
    }
    this.dropCounter().resumed();
    const batches = [...this.pending];
    this.pending.clear();
    this.pendingBytes = 0;
    for (const [index, [id, lines]] of batches.entries()) {
      const meta = this.streams.get(id);
      if (!meta) continue;
      const text = `${lines.join('\n')}\n`;
      // A rewrite by `expire` is in flight for this stream: append after it, in order.
      if (this.chains.has(id)) {
        this.enqueue(id, async () => this.write(id, meta, text));
        continue;
      }
      try {
        this.write(id, meta, text);
      } catch (error) {
        // Accepted events stay in memory, ahead of newer ones, until the disk takes them again.
        for (const [keptId, keptLines] of batches.slice(index).reverse()) {
          this.pending.set(keptId, [...keptLines, ...(this.pending.get(keptId) ?? [])]);
          for (const line of keptLines) this.pendingBytes += line.length + 1;
        }
        const delay = this.backoff.next();
        this.warn(failureLine('log stream flush', error, delay));
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          void this.flush();
        }, delay);
        this.retryTimer.unref();
        return;
      }
    }
    this.backoff.reset();
    await Promise.all(this.chains.values());
  }

  /**
   * Under the floor: the pending appends stay in memory and the flush is tried again shortly. Past
   * `heldBytes` the oldest lines (across streams, oldest stream batch first) are dropped and counted.
   */
  private hold(): void {
    this.bound();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, HELD_RETRY_MS);
    this.retryTimer.unref();
  }

  private bound(): void {
    const drops = this.dropCounter();
    for (const [id, lines] of this.pending) {
      if (this.pendingBytes <= this.heldBytes) break;
      let cut = 0;
      let bytes = 0;
      while (cut < lines.length && this.pendingBytes - bytes > this.heldBytes) {
        bytes += (lines[cut] as string).length + 1;
        cut += 1;
      }
      drops.drop(cut, bytes);
      this.pendingBytes -= bytes;
      if (cut === lines.length) this.pending.delete(id);
      else this.pending.set(id, lines.slice(cut));
    }
  }

  private dropCounter(): DropCounter {
    this.drops ??= new DropCounter('log events', 'log stream flush', this.heldBytes, (m) => this.warn(m));
    return this.drops;
  }

  /** Flushes, then closes every kept-open file. The store stays usable (files reopen on demand). */
  async close(): Promise<void> {
    await this.flush(true);
    for (const id of [...this.files.keys()]) this.closeFile(id);
  }

  private write(id: string, meta: StreamMeta, text: string): void {
    let fd = this.files.get(id);
    if (fd === undefined) {
      // Created here, not on append: a failure belongs to the flush, which keeps and retries.
      this.createFolders(meta.groupName, meta.streamName);
      fd = openSync(this.fileOf(meta.groupName, meta.streamName), 'a', 0o600);
      if (this.files.size >= MAX_OPEN_FILES) {
        const oldest = this.files.keys().next().value;
        if (oldest !== undefined) this.closeFile(oldest);
      }
    } else {
      this.files.delete(id);
    }
    this.files.set(id, fd);
    const bytes = Buffer.from(text, 'utf8');
    let at = 0;
    try {
      while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (error) {
      // A partial append would leave a torn line: cut the file back to its last complete line (this
      // store is the file's only writer, so the append began `at` bytes before the end).
      try {
        ftruncateSync(fd, fstatSync(fd).size - at);
      } catch {
        // The retry appends after whatever is there; the reader skips a torn line.
      }
      throw namingFile(error, this.fileOf(meta.groupName, meta.streamName));
    }
  }

  private closeFile(id: string): void {
    const fd = this.files.get(id);
    if (fd === undefined) return;
    this.files.delete(id);
    closeSync(fd);
  }

  /**
   * The stream's events; with `startTime`, at least those at or after it (a read skips the part of
   * the file that is all older, so it may still return some older events: callers filter).
   */
  async read(groupName: string, streamName: string, startTime?: number): Promise<StoredEvent[]> {
    await this.flush();
    return this.timeIndex.readFrom(this.fileOf(groupName, streamName), startTime ?? Number.NEGATIVE_INFINITY);
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
        // The kept-open descriptor still points at the replaced file.
        this.closeFile(id);
      });
    }
  }

  streamsOf(groupName: string): StreamMeta[] {
    return [...this.streams.values()].filter((meta) => meta.groupName === groupName);
  }

  deleteStream(groupName: string, streamName: string): void {
    this.closeFile(key(groupName, streamName));
    this.timeIndex.forget(this.fileOf(groupName, streamName));
    this.streams.delete(key(groupName, streamName));
    for (const line of this.pending.get(key(groupName, streamName)) ?? [])
      this.pendingBytes -= line.length + 1;
    this.pending.delete(key(groupName, streamName));
    rmSync(this.fileOf(groupName, streamName), { force: true });
    const segment = encodePathSegment(streamName);
    if (isHashedSegment(segment))
      rmSync(join(this.groupDirOf(groupName), `${segment}.name`), { force: true });
  }

  deleteGroup(groupName: string): void {
    for (const meta of this.streamsOf(groupName)) this.deleteStream(groupName, meta.streamName);
    rmSync(this.groupDirOf(groupName), { recursive: true, force: true });
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

  /** Every name goes through the shared encoding, so no group or stream escapes `root`. */
  private groupDirOf(groupName: string): string {
    return join(this.root, encodePathSegment(groupName));
  }

  private fileOf(groupName: string, streamName: string): string {
    return join(this.groupDirOf(groupName), `${encodePathSegment(streamName)}.ndjson`);
  }

  /** The group's folder, and the sidecars that keep hashed (over-long) names readable. */
  private createFolders(groupName: string, streamName: string): void {
    const groupDir = this.groupDirOf(groupName);
    mkdirSync(groupDir, { recursive: true, mode: 0o700 });
    if (isHashedSegment(encodePathSegment(groupName)))
      writeFileSync(join(groupDir, GROUP_NAME_FILE), JSON.stringify(groupName), { mode: 0o600 });
    const segment = encodePathSegment(streamName);
    if (isHashedSegment(segment))
      writeFileSync(join(groupDir, `${segment}.name`), JSON.stringify(streamName), { mode: 0o600 });
  }
}

/** A hashed group folder's name; encoded segments never start with a dot, so it cannot collide. */
const GROUP_NAME_FILE = '.group-name';

/** The name behind a segment: decoded, or read from its JSON sidecar when hashed; undefined if neither. */
function nameOf(segment: string, sidecar: string): string | undefined {
  if (!isHashedSegment(segment)) return decodePathSegment(segment);
  try {
    // JSON keeps a lone surrogate, which UTF-8 text would turn into U+FFFD.
    const name: unknown = JSON.parse(readFileSync(sidecar, 'utf8'));
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

const key = (groupName: string, streamName: string): string => `${groupName}\u0000${streamName}`;

function track(meta: StreamMeta, event: StoredEvent): void {
  meta.firstEventTimestamp = Math.min(meta.firstEventTimestamp ?? event.timestamp, event.timestamp);
  meta.lastEventTimestamp = Math.max(meta.lastEventTimestamp ?? event.timestamp, event.timestamp);
  meta.lastIngestionTime = Math.max(meta.lastIngestionTime ?? event.ingestionTime, event.ingestionTime);
  meta.storedBytes += Buffer.byteLength(event.message) + 26;
}
