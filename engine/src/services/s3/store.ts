import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../runtime/atomic-write.ts';
import { StateFile } from '../../runtime/state-file.ts';
import { s3Errors } from './errors.ts';
import type {
  BucketState,
  LifecycleRule,
  MultipartUpload,
  ObjectVersion,
  VersioningStatus,
} from './model.ts';
import type { VersionChange } from './versions.ts';

interface PersistedBucket {
  readonly name: string;
  readonly createdAt: number;
  readonly region: string;
  readonly versioning: VersioningStatus;
  readonly policy?: string;
  readonly lifecycle?: readonly LifecycleRule[];
  readonly objects: [string, ObjectVersion[]][];
  readonly uploads?: [string, MultipartUpload][];
}

/**
 * Buckets on disk: one state file per bucket (`buckets/<name>.json`, metadata of every version)
 * and one file per object body (`objects/<uuid>`). A body is written before the metadata that
 * names it and deleted after, so a crash leaves at worst an orphan file, never a dangling version.
 */
export class S3Store {
  private readonly buckets = new Map<string, BucketState>();
  private readonly bucketDir: string;
  private readonly objectDir: string;

  constructor(dataDir: string) {
    this.bucketDir = join(dataDir, 'buckets');
    this.objectDir = join(dataDir, 'objects');
    mkdirSync(this.bucketDir, { recursive: true, mode: 0o700 });
    mkdirSync(this.objectDir, { recursive: true, mode: 0o700 });
    for (const file of readdirSync(this.bucketDir)) {
      if (!file.endsWith('.json')) continue;
      const persisted = this.stateFile(file.slice(0, -'.json'.length)).load();
      if (persisted) this.buckets.set(persisted.name, fromPersisted(persisted));
    }
  }

  names(): string[] {
    return [...this.buckets.keys()].sort();
  }

  find(name: string): BucketState | undefined {
    return this.buckets.get(name);
  }

  /** The bucket, or NoSuchBucket. */
  get(name: string): BucketState {
    const bucket = this.buckets.get(name);
    if (!bucket) throw s3Errors.noSuchBucket(name);
    return bucket;
  }

  add(bucket: BucketState): void {
    this.buckets.set(bucket.name, bucket);
    this.save(bucket);
  }

  remove(name: string): void {
    this.buckets.delete(name);
    rmSync(this.stateFile(name).path, { force: true });
  }

  save(bucket: BucketState): void {
    this.stateFile(bucket.name).save({
      name: bucket.name,
      createdAt: bucket.createdAt,
      region: bucket.region,
      versioning: bucket.versioning,
      ...(bucket.policy === undefined ? {} : { policy: bucket.policy }),
      ...(bucket.lifecycle === undefined ? {} : { lifecycle: bucket.lifecycle }),
      objects: [...bucket.objects.entries()],
      uploads: [...bucket.uploads.entries()],
    });
  }

  writeBody(data: Buffer): string {
    const file = randomUUID();
    writeFileAtomic(join(this.objectDir, file), data);
    return file;
  }

  readBody(file: string): Buffer {
    return readFileSync(join(this.objectDir, file));
  }

  /** Deletes body files no version refers to any more (aborted or completed upload parts). */
  deleteBodies(files: readonly string[]): void {
    for (const file of files) rmSync(join(this.objectDir, file), { force: true });
  }

  /** Sets a key's versions, saves the bucket, then deletes the bodies of the versions removed. */
  replaceVersions(bucket: BucketState, key: string, change: VersionChange): void {
    const previous = bucket.objects.get(key);
    if (change.versions.length === 0) bucket.objects.delete(key);
    else bucket.objects.set(key, change.versions);
    try {
      this.save(bucket);
    } catch (error) {
      // Not saved, not acknowledged: memory goes back to what is on disk.
      if (previous === undefined) bucket.objects.delete(key);
      else bucket.objects.set(key, previous);
      throw error;
    }
    for (const version of change.removed) {
      if (version.bodyFile) rmSync(join(this.objectDir, version.bodyFile), { force: true });
    }
  }

  private stateFile(name: string): StateFile<PersistedBucket | undefined> {
    return new StateFile<PersistedBucket | undefined>(join(this.bucketDir, `${name}.json`), () => undefined);
  }
}

const fromPersisted = (p: PersistedBucket): BucketState => ({
  name: p.name,
  createdAt: p.createdAt,
  region: p.region,
  versioning: p.versioning,
  ...(p.policy === undefined ? {} : { policy: p.policy }),
  ...(p.lifecycle === undefined ? {} : { lifecycle: p.lifecycle }),
  objects: new Map(p.objects),
  uploads: new Map(p.uploads ?? []),
});
