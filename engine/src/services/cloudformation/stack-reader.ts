/**
 * What the CloudFormation API reads from the deploy engine. Plain data, no behaviour:
 * wiring/stack-reader.ts adapts the engine's stack store to this interface. Times are epoch milliseconds.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html
 */

export type MaybePromise<T> = T | Promise<T>;

export interface StackOutputRecord {
  readonly key: string;
  readonly value: string;
  readonly description?: string;
  readonly exportName?: string;
}

export interface StackRecord {
  readonly stackId: string;
  readonly stackName: string;
  /** `CREATE_COMPLETE`, `UPDATE_ROLLBACK_COMPLETE`, `DELETE_COMPLETE`, ... */
  readonly status: string;
  readonly statusReason?: string;
  readonly description?: string;
  readonly creationTime: number;
  readonly lastUpdatedTime?: number;
  readonly deletionTime?: number;
  readonly parameters: Readonly<Record<string, string>>;
  readonly outputs: readonly StackOutputRecord[];
  readonly tags: Readonly<Record<string, string>>;
  readonly capabilities?: readonly string[];
  readonly disableRollback?: boolean;
}

export interface StackResourceRecord {
  readonly logicalId: string;
  readonly physicalId?: string;
  readonly type: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly lastUpdated: number;
}

export interface StackEventRecord {
  readonly eventId: string;
  readonly logicalId: string;
  readonly physicalId?: string;
  readonly resourceType: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly timestamp: number;
  /** The resource's properties as a JSON string, as AWS reports them. */
  readonly resourceProperties?: string;
}

export interface StackExportRecord {
  readonly name: string;
  readonly value: string;
  readonly exportingStackId: string;
}

export interface StackReader {
  /** Every stack the engine knows, deleted ones (`DELETE_COMPLETE`) included. */
  listStacks(): MaybePromise<readonly StackRecord[]>;
  /** The stack events of one stack, in any order (the API sorts them newest first). */
  stackEvents(stackId: string): MaybePromise<readonly StackEventRecord[]>;
  stackResources(stackId: string): MaybePromise<readonly StackResourceRecord[]>;
  exports(): MaybePromise<readonly StackExportRecord[]>;
  /** The template body as deployed (JSON or YAML text). */
  template(stackId: string): MaybePromise<string>;
}
