import { join } from 'node:path';
import { StateFile } from '../../runtime/state-file.ts';
import { objectWith } from '../../runtime/state-file-error.ts';
import { httpApiErrors } from './errors.ts';
import type { ApiState, HttpApiStateDocument } from './model.ts';

/**
 * The HTTP API control plane in memory, saved whole (atomically) after every change so a restart
 * finds the same APIs, routes, stages and ports. One store per service instance.
 */
export class HttpApiStore {
  private readonly file: StateFile<HttpApiStateDocument>;
  private readonly doc: HttpApiStateDocument;

  constructor(dataDir: string) {
    this.file = new StateFile<HttpApiStateDocument>(
      join(dataDir, 'http-api.json'),
      () => ({ apis: {} }),
      objectWith({ apis: 'object' }),
    );
    this.doc = this.file.load();
  }

  apiIds(): string[] {
    return Object.keys(this.doc.apis);
  }

  find(apiId: string): ApiState | undefined {
    return this.doc.apis[apiId];
  }

  /** The API's state, or NotFoundException naming the id. */
  get(apiId: string): ApiState {
    const state = this.doc.apis[apiId];
    if (!state) throw httpApiErrors.notFound(`Invalid API identifier specified ${apiId}`);
    return state;
  }

  put(state: ApiState): void {
    this.doc.apis[state.api.ApiId] = state;
    this.save();
  }

  remove(apiId: string): void {
    delete this.doc.apis[apiId];
    this.save();
  }

  /** Ports held by persisted APIs, so a new API does not take one a stopped API will want back. */
  usedPorts(): Set<number> {
    return new Set(
      Object.values(this.doc.apis)
        .map((s) => s.port)
        .filter((p): p is number => p !== undefined && p !== 0),
    );
  }

  /** Persists after an in-place change of an ApiState obtained from `get`. */
  save(): void {
    this.file.save(this.doc);
  }
}
