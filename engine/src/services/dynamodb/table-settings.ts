import { StateFile } from '../../runtime/state-file.ts';
import { mapOfObjects } from '../../runtime/state-file-error.ts';

/**
 * Table settings dynalite does not keep: Time to Live, server-side encryption and point-in-time
 * recovery. They live beside the LevelDB directory in one atomic JSON file, keyed by table name.
 */
export interface TableSettings {
  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TimeToLiveSpecification.html */
  timeToLive?: { attributeName: string; enabled: boolean };
  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_SSESpecification.html */
  sse?: { enabled: boolean; sseType?: string; kmsMasterKeyId?: string };
  /** Recorded only: no backups are taken. */
  pointInTimeRecovery?: { enabled: boolean; recoveryPeriodInDays?: number };
}

type SettingsDocument = Record<string, TableSettings>;

export class TableSettingsStore {
  private readonly file: StateFile<SettingsDocument>;
  private readonly settings: SettingsDocument;

  constructor(path: string) {
    this.file = new StateFile<SettingsDocument>(path, () => ({}), mapOfObjects);
    this.settings = this.file.load();
  }

  get(tableName: string): TableSettings {
    return this.settings[tableName] ?? {};
  }

  /** Table names with Time to Live enabled, with their attribute. */
  timeToLiveTables(): { tableName: string; attributeName: string }[] {
    return Object.entries(this.settings).flatMap(([tableName, s]) =>
      s.timeToLive?.enabled ? [{ tableName, attributeName: s.timeToLive.attributeName }] : [],
    );
  }

  set(tableName: string, settings: TableSettings): void {
    this.settings[tableName] = settings;
    this.file.save(this.settings);
  }

  update(tableName: string, patch: Partial<TableSettings>): void {
    this.set(tableName, { ...this.get(tableName), ...patch });
  }

  delete(tableName: string): void {
    if (!(tableName in this.settings)) return;
    delete this.settings[tableName];
    this.file.save(this.settings);
  }
}
