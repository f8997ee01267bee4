import { join } from 'node:path';
import { StateFile } from '../../runtime/state-file.ts';
import { firehoseErrors } from './errors.ts';
import type { StreamState } from './model.ts';

/** Delivery stream definitions in one state file (`streams.json`); they change rarely. */
export class StreamStore {
  private readonly file: StateFile<StreamState[]>;
  private readonly streams = new Map<string, StreamState>();

  constructor(dataDir: string) {
    this.file = new StateFile<StreamState[]>(
      join(dataDir, 'streams.json'),
      () => [],
      (value) => (Array.isArray(value) ? undefined : 'holds no list of delivery streams'),
    );
    for (const stream of this.file.load()) this.streams.set(stream.name, stream);
  }

  all(): StreamState[] {
    return [...this.streams.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  find(name: string): StreamState | undefined {
    return this.streams.get(name);
  }

  get(name: string): StreamState {
    const stream = this.streams.get(name);
    if (!stream) throw firehoseErrors.notFound(name);
    return stream;
  }

  put(stream: StreamState): void {
    this.streams.set(stream.name, stream);
    this.file.save(this.all());
  }

  remove(name: string): void {
    this.streams.delete(name);
    this.file.save(this.all());
  }
}
