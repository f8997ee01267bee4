import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../runtime/atomic-write.ts';
import { encodePathSegment } from '../../runtime/path-segment.ts';
import { StateFile } from '../../runtime/state-file.ts';
import { objectWith } from '../../runtime/state-file-error.ts';
import type { CorsRule } from './cors-rules.ts';
import { s3Errors } from './errors.ts';
import type {
  BucketSettings,
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
  readonly cors?: readonly CorsRule[];
  readonly settings?: BucketSettings;
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
  /** Where single-PUT bodies are streamed before they become an object (same disk, so adopting is a rename). */
  readonly stagingDir: string;

  constructor(dataDir: string) {
    this.bucketDir = join(dataDir, 'buckets');
    this.objectDir = join(dataDir, 'objects');
    this.stagingDir = join(dataDir, 'staging');
    // A body left half-streamed by a crash is never an object: start with an empty staging area.
    rmSync(this.stagingDir, { recursive: true, force: true });
    mkdirSync(this.stagingDir, { recursive: true, mode: 0o700 });
    mkdirSync(this.bucketDir, { recursive: true, mode: 0o700 });
    mkdirSync(this.objectDir, { recursive: true, mode: 0o700 });
    for (const file of readdirSync(this.bucketDir)) {
      if (!file.endsWith('.json')) continue;
      const persisted = this.stateFileAt(file).load();
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
      ...(bucket.cors === undefined ? {} : { cors: bucket.cors }),
      ...(bucket.settings === undefined ? {} : { settings: bucket.settings }),
      objects: [...bucket.objects.entries()],
      uploads: [...bucket.uploads.entries()],
    });
  }

  writeBody(data: Buffer): string {
    const file = randomUUID();
    writeFileAtomic(join(this.objectDir, file), data);
    return file;
  }

  /** Takes a staged body file as an object body and returns its name in the store. */
  adoptBody(path: string): string {
    const file = randomUUID();
    renameSync(path, join(this.objectDir, file));
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

  /**
   * The bucket's metadata file, named by the shared encoding (the name is kept inside). Keys never
   * become paths: bodies are stored under random ids.
   */
  private stateFile(name: string): StateFile<PersistedBucket | undefined> {
    return this.stateFileAt(`${encodePathSegment(name)}.json`);
  }

  private stateFileAt(fileName: string): StateFile<PersistedBucket | undefined> {
    return new StateFile<PersistedBucket | undefined>(
      join(this.bucketDir, fileName),
      () => undefined,
      objectWith({ name: 'string', objects: 'list' }),
    );
  }
}

const fromPersisted = (p: PersistedBucket): BucketState => ({
  name: p.name,
  createdAt: p.createdAt,
  region: p.region,
  versioning: p.versioning,
  ...(p.policy === undefined ? {} : { policy: p.policy }),
  ...(p.lifecycle === undefined ? {} : { lifecycle: p.lifecycle }),
  ...(p.cors === undefined ? {} : { cors: p.cors }),
  ...(p.settings === undefined ? {} : { settings: p.settings }),
  objects: new Map(p.objects),
  uploads: new Map(p.uploads ?? []),
});
