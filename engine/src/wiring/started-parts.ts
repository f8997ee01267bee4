/**
 * The parts of one engine that hold something open (a store, a listener, timers, worker threads),
 * in the order they started. Each part registers how it stops as soon as it has started, so the
 * same list serves a start that fails part-way (stop what started) and a normal close: both stop
 * the parts in reverse start order, so nothing is stopped while a part started after it (and
 * possibly using it) still runs. A part that starts before what it uses says so with nowUses.
 */
export class StartedParts {
  private readonly parts: Array<{ readonly name: string; readonly stop: () => unknown }> = [];

  /** Records that `name` has started and how it stops (sync or async). */
  started(name: string, stop: () => unknown): void {
    this.parts.push({ name, stop });
  }

  /**
   * Records that `name`, started earlier, now uses the parts started after it (Lambda, armed when
   * built, writes to the Logs store started later): its stop moves to the end, so it stops before
   * them. Throws for a name that never started.
   */
  nowUses(name: string): void {
    const index = this.parts.findIndex((part) => part.name === name);
    if (index < 0) throw new Error(`${name} has not started`);
    this.parts.push(...this.parts.splice(index, 1));
  }

  /** The names of the started parts, in the order they will be stopped last to first. */
  names(): string[] {
    return this.parts.map((part) => part.name);
  }

  /**
   * Stops every part, the last started first, each once (the list is emptied first, so a second
   * call stops nothing). A stop that fails does not keep the others running: every part is
   * stopped, and the failures are returned, each naming its part.
   */
  async stopAll(): Promise<Error[]> {
    const parts = this.parts.splice(0).reverse();
    const failures: Error[] = [];
    for (const part of parts) {
      try {
        await part.stop();
      } catch (error) {
        failures.push(new Error(`stopping ${part.name} failed: ${String(error)}`, { cause: error }));
      }
    }
    return failures;
  }
}
