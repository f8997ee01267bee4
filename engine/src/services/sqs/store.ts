import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { encodePathSegment } from '../../runtime/path-segment.ts';
import { StateFile } from '../../runtime/state-file.ts';
import { objectWith } from '../../runtime/state-file-error.ts';
import { numericAttribute } from './attributes.ts';
import type { QueueState } from './model.ts';

/**
 * Queues on disk, one state file per queue (`queues/<name>.json`) holding its attributes and its
 * messages with their visibility, so a restart keeps both. Every change rewrites that queue's
 * file: simple and crash-safe, sized for dead-letter and test traffic rather than throughput.
 */
export class SqsStore {
  private readonly queues = new Map<string, QueueState>();
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'queues');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    for (const file of readdirSync(this.dir)) {
      if (!file.endsWith('.json')) continue;
      const queue = this.fileAt(file).load();
      if (queue) this.queues.set(queue.name, queue);
    }
  }

  names(): string[] {
    return [...this.queues.keys()].sort();
  }

  find(name: string): QueueState | undefined {
    return this.queues.get(name);
  }

  add(queue: QueueState): void {
    this.queues.set(queue.name, queue);
    this.save(queue);
  }

  remove(name: string): void {
    this.queues.delete(name);
    rmSync(this.file(name).path, { force: true });
  }

  save(queue: QueueState): void {
    this.file(queue.name).save(queue);
  }

  /** Drops messages older than the retention period; true when any were dropped (and saved). */
  dropExpired(queue: QueueState, now: number): boolean {
    const retentionMs = numericAttribute(queue, 'MessageRetentionPeriod') * 1000;
    const kept = queue.messages.filter((m) => m.sentAt + retentionMs > now);
    if (kept.length === queue.messages.length) return false;
    queue.messages = kept;
    this.save(queue);
    return true;
  }

  /** The queue's file, named by the shared encoding (the name itself is kept inside). */
  private file(name: string): StateFile<QueueState | undefined> {
    return this.fileAt(`${encodePathSegment(name)}.json`);
  }

  private fileAt(fileName: string): StateFile<QueueState | undefined> {
    return new StateFile<QueueState | undefined>(
      join(this.dir, fileName),
      () => undefined,
      objectWith({ name: 'string', attributes: 'object', messages: 'list' }),
    );
  }
}
