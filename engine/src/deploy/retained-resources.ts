import { StateFile } from '../runtime/state-file.ts';

/** A resource a stack let go of because its DeletionPolicy (or UpdateReplacePolicy) is Retain. */
export interface RetainedResource {
  readonly type: string;
  readonly physicalId: string;
  readonly stackName: string;
  readonly logicalId: string;
}

interface RetainedState {
  readonly version: 1;
  readonly resources: RetainedResource[];
}

/**
 * The resources stacks retained, so a later stack that declares one with the same physical name and
 * type adopts it (saying so) instead of failing on the collision forever. Persisted beside the stacks.
 */
export class RetainedResources {
  private readonly file: StateFile<RetainedState>;
  private resources: RetainedResource[];

  constructor(path: string) {
    this.file = new StateFile<RetainedState>(path, () => ({ version: 1, resources: [] }));
    this.resources = this.file.load().resources;
  }

  hasType(type: string): boolean {
    return this.resources.some((r) => r.type === type);
  }

  get(type: string, physicalId: string): RetainedResource | undefined {
    return this.resources.find((r) => r.type === type && r.physicalId === physicalId);
  }

  all(): readonly RetainedResource[] {
    return this.resources;
  }

  remember(resource: RetainedResource): void {
    this.resources = [
      ...this.resources.filter((r) => r.type !== resource.type || r.physicalId !== resource.physicalId),
      resource,
    ];
    this.file.save({ version: 1, resources: this.resources });
  }

  forget(type: string, physicalId: string): void {
    if (!this.get(type, physicalId)) return;
    this.resources = this.resources.filter((r) => r.type !== type || r.physicalId !== physicalId);
    this.file.save({ version: 1, resources: this.resources });
  }
}
