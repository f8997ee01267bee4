import { type FSWatcher, watch } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * Watches a changing set of files (by their directories, so an editor's save by rename is seen)
 * and whole folders, and reports each burst of changes once, `debounceMs` after its last event,
 * with the time of its first event (the save).
 *
 * Costs nothing while no file changes, so the request path runs as without it: `fs.watch` is
 * inotify on Linux (the kernel queues events; no polling, no timer), the debounce timer exists
 * only between an event and its report, and nothing on the request path consults the watcher.
 *
 * The default debounce is short because it is paid on every save: an editor's save (write, or
 * write-to-temporary and rename, several files for "save all") lands within a few milliseconds,
 * and a burst split in two costs a second rebuild (at worst after a build error printed for the
 * half-saved state, which that rebuild clears).
 */
export class FileWatcher {
  private readonly dirs = new Map<string, FSWatcher>();
  private readonly trees: FSWatcher[] = [];
  private files = new Set<string>();
  private pending = new Set<string>();
  private firstAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onChange: (paths: readonly string[], savedAt: number) => void,
    private readonly debounceMs = 10,
  ) {}

  /** Replaces the watched file set (e.g. the bundle's inputs after each build). */
  setFiles(paths: readonly string[]): void {
    this.files = new Set(paths);
    const needed = new Set(paths.map((p) => dirname(p)));
    for (const [dir, watcher] of this.dirs) {
      if (!needed.has(dir)) {
        watcher.close();
        this.dirs.delete(dir);
      }
    }
    for (const dir of needed) {
      if (this.dirs.has(dir)) continue;
      try {
        const watcher = watch(dir, (_event, name) => {
          const path = name ? join(dir, name.toString()) : '';
          if (this.files.has(path)) this.note(path);
        });
        watcher.on('error', () => this.dirs.delete(dir));
        this.dirs.set(dir, watcher);
      } catch {
        // A directory that vanished: the next build's inputs decide again.
      }
    }
  }

  /** Every file under `dir` (recursively), except paths `ignore` accepts. */
  watchTree(dir: string, ignore: (relativePath: string) => boolean = () => false): void {
    const watcher = watch(dir, { recursive: true }, (_event, name) => {
      const rel = name ? name.toString() : '';
      if (!ignore(rel)) this.note(join(dir, rel));
    });
    watcher.on('error', () => {});
    this.trees.push(watcher);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const watcher of [...this.dirs.values(), ...this.trees]) watcher.close();
    this.dirs.clear();
  }

  private note(path: string): void {
    if (this.pending.size === 0) this.firstAt = performance.now();
    this.pending.add(path);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const paths = [...this.pending];
      this.pending = new Set();
      this.timer = undefined;
      this.onChange(paths, this.firstAt);
    }, this.debounceMs);
  }
}

/** A path for messages: relative to the project when inside it. */
export const shown = (root: string, path: string): string => {
  const rel = relative(root, path);
  return rel.startsWith('..') ? path : rel;
};
