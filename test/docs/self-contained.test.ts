/**
 * A clone must stand on its own: no file points to material outside the repository (the
 * research notes the project was built from, absolute machine paths), and every relative link in
 * a Markdown file resolves to a file the clone has.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  encoding: 'utf8',
})
  .split('\0')
  .filter((file) => file !== '' && existsSync(file) && !/\.(png|jpg|zip|gz)$|package-lock\.json$/.test(file));

/** Spelled in pieces so this file does not match itself. */
const OUTSIDE = [['shared', 'reference'].join('/'), ['', 'work', ''].join('/'), ['..', 'shared'].join('/')];

describe('the repository stands on its own', () => {
  it('no file refers to the research notes or to paths outside the clone', () => {
    const offenders = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return OUTSIDE.filter((needle) => text.includes(needle)).map((needle) => `${file}: ${needle}`);
    });
    expect(offenders).toEqual([]);
  });

  it('every relative Markdown link resolves to a file in the clone', () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.md'))) {
      for (const [, target = ''] of readFileSync(file, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(?:[a-z]+:|#)/i.test(target)) continue;
        const path = join(dirname(file), decodeURI(target.split('#')[0] ?? ''));
        if (!existsSync(path)) broken.push(`${file} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
