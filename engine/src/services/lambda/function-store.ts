import { join } from 'node:path';
import { StateFile } from '../../runtime/state-file.ts';
import { objectWith } from '../../runtime/state-file-error.ts';
import type { FunctionConfig, PermissionStatement } from './types.ts';

/**
 * Retry settings for asynchronous invocation.
 * https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
 */
export interface EventInvokeConfig {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
}

export const DEFAULT_EVENT_INVOKE_CONFIG: EventInvokeConfig = {
  maximumRetryAttempts: 2,
  maximumEventAgeInSeconds: 21600,
};

/** Everything the control plane knows about one function. */
export interface FunctionRecord {
  readonly config: FunctionConfig;
  readonly lastModified: string;
  readonly revisionId: string;
  readonly codeSha256: string;
  /** Bytes of the deployment package; absent in records written before packages were sized. */
  readonly codeSize?: number;
  /** Epoch ms of the last PutFunctionEventInvokeConfig. */
  readonly eventInvokeConfigModified?: number;
  readonly permissions: readonly PermissionStatement[];
  readonly eventInvokeConfig?: EventInvokeConfig;
}

interface Document {
  functions: Record<string, FunctionRecord>;
}

/** Function definitions, persisted on every change and reloaded on start. */
export class FunctionStore {
  private readonly file: StateFile<Document>;
  private readonly doc: Document;

  constructor(dataDir: string) {
    this.file = new StateFile<Document>(
      join(dataDir, 'functions.json'),
      () => ({ functions: {} }),
      objectWith({ functions: 'object' }),
    );
    this.doc = this.file.load();
  }

  get(name: string): FunctionRecord | undefined {
    return Object.hasOwn(this.doc.functions, name) ? this.doc.functions[name] : undefined;
  }

  list(): FunctionRecord[] {
    return Object.values(this.doc.functions).sort((a, b) => a.config.name.localeCompare(b.config.name));
  }

  put(record: FunctionRecord): void {
    this.doc.functions[record.config.name] = record;
    this.file.save(this.doc);
  }

  delete(name: string): void {
    delete this.doc.functions[name];
    this.file.save(this.doc);
  }
}
