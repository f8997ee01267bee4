import { open } from 'node:fs/promises';
import type { StoredEvent } from './stream-store.ts';

/** A checkpoint every this many bytes of a stream file. */
const CHECKPOINT_BYTES = 64 * 1024;

interface Checkpoint {
  /** A line boundary in the file. */
  readonly offset: number;
  /** The largest event timestamp of every line before `offset` (-Infinity for none). */
  readonly maxTimestampBefore: number;
}

interface FileIndex {
  /** The file's inode: a rewrite (retention expiry) replaces the file, and the index with it. */
  readonly ino: number;
  readonly checkpoints: Checkpoint[];
  /** Lines before this offset are indexed (it is a line boundary). */
  indexedTo: number;
  /** The largest timestamp before `indexedTo`. */
  maxTimestamp: number;
}

/**
 * Reads of one stream file from a start time without reading what lies before it. For each file a
 * checkpoint every 64 KB records the largest event timestamp of all lines before it; a read from
 * `startTime` starts at the last checkpoint whose lines are all older than `startTime` (events are
 * usually appended in time order, so a live tail reads the newest 64 KB or less, plus what was
 * appended since). Lines out of time order only make it start earlier, never miss an event. The
 * index costs a few numbers per 64 KB of log and is rebuilt from the file after a restart.
 */
export class StreamTimeIndex {
  private readonly files = new Map<string, FileIndex>();
  /** Bytes read from stream files so far (what the index saves is visible here). */
  bytesRead = 0;

  /** Every event of `file` with a timestamp >= startTime (and possibly some older ones), in file order. */
  async readFrom(file: string, startTime: number): Promise<StoredEvent[]> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.files.delete(file);
        return [];
      }
      throw error;
    }
    try {
      const stat = await handle.stat();
      let index = this.files.get(file);
      if (!index || index.ino !== stat.ino || stat.size < index.indexedTo) {
        index = { ino: stat.ino, checkpoints: [], indexedTo: 0, maxTimestamp: Number.NEGATIVE_INFINITY };
        this.files.set(file, index);
      }
      const from = startOffset(index.checkpoints, startTime);
      if (from >= stat.size) return [];
      const buffer = Buffer.alloc(stat.size - from);
      for (let at = 0; at < buffer.length; ) {
        const { bytesRead } = await handle.read(buffer, at, buffer.length - at, from + at);
        if (bytesRead === 0) break;
        at += bytesRead;
        this.bytesRead += bytesRead;
      }
      return parseLines(buffer, from, index);
    } finally {
      await handle.close();
    }
  }

  forget(file: string): void {
    this.files.delete(file);
  }
}

/** The offset of the last checkpoint before which every event is older than startTime. */
function startOffset(checkpoints: readonly Checkpoint[], startTime: number): number {
  // maxTimestampBefore never decreases along the file: binary search for the last one < startTime.
  let low = 0;
  let high = checkpoints.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const checkpoint = checkpoints[middle] as Checkpoint;
    if (checkpoint.maxTimestampBefore < startTime) {
      found = checkpoint.offset;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** Parses the lines of `buffer` (file bytes from `from`), extending the index past `indexedTo`. */
function parseLines(buffer: Buffer, from: number, index: FileIndex): StoredEvent[] {
  const events: StoredEvent[] = [];
  let lineStart = 0;
  while (lineStart < buffer.length) {
    const newline = buffer.indexOf(10, lineStart);
    if (newline < 0) {
      // A last line without its newline (a crash-torn append) is read when whole, never indexed.
      const event = parseLine(buffer.toString('utf8', lineStart));
      if (event) events.push(event);
      break;
    }
    const offset = from + lineStart;
    const event = newline > lineStart ? parseLine(buffer.toString('utf8', lineStart, newline)) : undefined;
    if (event) events.push(event);
    const timestamp = event?.timestamp;
    if (offset === index.indexedTo) {
      const last = index.checkpoints.at(-1)?.offset ?? Number.NEGATIVE_INFINITY;
      if (offset === 0 || offset - last >= CHECKPOINT_BYTES) {
        index.checkpoints.push({ offset, maxTimestampBefore: index.maxTimestamp });
      }
      if (timestamp !== undefined) index.maxTimestamp = Math.max(index.maxTimestamp, timestamp);
      index.indexedTo = from + newline + 1;
    }
    lineStart = newline + 1;
  }
  return events;
}

function parseLine(line: string): StoredEvent | undefined {
  try {
    const [timestamp, ingestionTime, message] = JSON.parse(line) as [number, number, string];
    return { timestamp, ingestionTime, message };
  } catch {
    // A line torn by a crash mid-append is skipped; the events before and after it are intact.
    return undefined;
  }
}

/**
 * Whether a stream can hold an event in [startTime, endTime] (endTime inclusive, as FilterLogEvents
 * reads it), from the first and last event timestamps kept for it; a stream with none holds nothing.
 */
export function streamMayHold(
  meta: { readonly firstEventTimestamp?: number; readonly lastEventTimestamp?: number },
  startTime: number | undefined,
  endTime: number | undefined,
): boolean {
  if (meta.firstEventTimestamp === undefined || meta.lastEventTimestamp === undefined) return false;
  if (startTime !== undefined && meta.lastEventTimestamp < startTime) return false;
  if (endTime !== undefined && meta.firstEventTimestamp > endTime) return false;
  return true;
}
