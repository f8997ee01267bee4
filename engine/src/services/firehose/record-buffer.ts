import { appendFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../runtime/atomic-write.ts';

/** One accepted record waiting for delivery. */
export interface BufferedRecord {
  readonly arrivedAt: number;
  readonly data: Buffer;
}

/**
 * A stream's buffer, mirrored to an append-only file (`<arrivedAt> <base64>` per line) so records
 * accepted before a restart are still delivered. Appending keeps each PutRecord O(record size);
 * the file is truncated only after a successful delivery (so a crash in between re-delivers:
 * at-least-once, as Firehose itself is).
 */
export class RecordBuffer {
  private records: BufferedRecord[] = [];
  private size = 0;

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      // A torn last line (crash mid-append) is skipped: its PutRecord never returned success.
      if (space <= 0 || !/^\d+$/.test(line.slice(0, space))) continue;
      const data = Buffer.from(line.slice(space + 1), 'base64');
      this.records.push({ arrivedAt: Number(line.slice(0, space)), data });
      this.size += data.length;
    }
  }

  get bytes(): number {
    return this.size;
  }

  get oldestArrival(): number | undefined {
    return this.records[0]?.arrivedAt;
  }

  add(records: readonly BufferedRecord[]): void {
    appendFileSync(this.path, records.map((r) => `${r.arrivedAt} ${r.data.toString('base64')}\n`).join(''), {
      mode: 0o600,
    });
    this.records.push(...records);
    for (const record of records) this.size += record.data.length;
  }

  snapshot(): readonly BufferedRecord[] {
    return [...this.records];
  }

  /** Forgets the first `count` records (those just delivered) and rewrites the file with the rest. */
  drop(count: number): void {
    this.records = this.records.slice(count);
    this.size = this.records.reduce((sum, r) => sum + r.data.length, 0);
    writeFileAtomic(
      this.path,
      this.records.map((r) => `${r.arrivedAt} ${r.data.toString('base64')}\n`).join(''),
    );
  }

  destroy(): void {
    this.records = [];
    this.size = 0;
    rmSync(this.path, { force: true });
  }
}
