import { execFileSync } from 'node:child_process';

/** Suites that run the real `tapstack` command need dist/ built from the current sources. */
export function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
