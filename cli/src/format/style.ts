import { stripVTControlCharacters } from 'node:util';

type Color = 'green' | 'red' | 'yellow' | 'cyan' | 'gray' | 'bold';

/**
 * Colour only when writing to a terminal that wants it (NO_COLOR and FORCE_COLOR respected), so
 * piped output and `--json` stay plain.
 */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export function paint(color: Color, text: string, enabled = colorEnabled()): string {
  return enabled ? `\u001b[${CODES[color][0]}m${text}\u001b[${CODES[color][1]}m` : text;
}

const CODES: Record<Color, [number, number]> = {
  green: [32, 39],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  gray: [90, 39],
  bold: [1, 22],
};

const visibleLength = (text: string): number => stripVTControlCharacters(text).length;

/** Pads to a width measured without ANSI colour codes. */
export function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell));
    });
  }
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : pad(cell, widths[i] ?? 0))).join('  '))
    .join('\n');
}
