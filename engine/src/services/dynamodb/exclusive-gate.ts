/**
 * Isolation for transactions on the single-threaded engine. Item operations are asynchronous
 * (LevelDB I/O), so without a gate another request could run between a transaction's steps and
 * see half of it. Ordinary operations run side by side (`shared`); a transaction (`exclusive`)
 * waits for those in flight to finish and holds back new ones until it is done — DynamoDB's
 * serializable isolation between transactions and the operations they touch.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-isolation
 */
export class ExclusiveGate {
  private active = 0;
  private held: Promise<void> | undefined;
  private onDrained: (() => void) | undefined;

  async shared<T>(work: () => Promise<T>): Promise<T> {
    while (this.held) await this.held;
    this.active += 1;
    try {
      return await work();
    } finally {
      this.active -= 1;
      if (this.active === 0) this.onDrained?.();
    }
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    while (this.held) await this.held;
    let release = (): void => {};
    this.held = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      if (this.active > 0) {
        await new Promise<void>((resolve) => {
          this.onDrained = resolve;
        });
      }
      this.onDrained = undefined;
      return await work();
    } finally {
      this.held = undefined;
      release();
    }
  }
}
