/**
 * The Requests view's rows, newest first, without copying the list on every live tick: rows that
 * arrive live are appended to `live` (oldest of them first), the window's first read fills
 * `loaded` (newest first), and position i reads from the one or the other. Adding n rows costs n,
 * whatever the list holds (100,000 rows and a tick a second would otherwise copy and re-index the
 * whole list each second).
 */
export type Row = [string, string, string, string, string, string, number, number];

export class RowList {
  private live: Row[] = [];
  private loaded: Row[] = [];

  get length(): number {
    return this.live.length + this.loaded.length;
  }

  /** The row at position i, newest first. */
  at(i: number): Row | undefined {
    const live = this.live.length;
    return i < live ? this.live[live - 1 - i] : this.loaded[i - live];
  }

  /** Rows newer than every row held (any order): they go on top, newest first. */
  addNewer(rows: readonly Row[]): void {
    const sorted = [...rows].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    for (const row of sorted) this.live.push(row);
  }

  /** Rows older than every row held, newest first: they go at the bottom. */
  addOlder(rows: readonly Row[]): void {
    for (const row of rows) this.loaded.push(row);
  }

  /** The rows matching `keep`, as a new list in the same order. */
  filter(keep: (row: Row) => boolean): RowList {
    const list = new RowList();
    list.live = this.live.filter(keep);
    list.loaded = this.loaded.filter(keep);
    return list;
  }

  /** Position of the row with this id (a linear search: for keyboard moves, not for every frame). */
  indexOf(id: string): number {
    for (let i = 0; i < this.length; i++) if (this.at(i)?.[0] === id) return i;
    return -1;
  }
}
