/**
 * The console's page and bundle, built by scripts/build.mjs from console/ into dist/console/.
 * Everything the page loads comes from here (no CDN, fonts or scripts from elsewhere), so it works
 * offline; the page's token is written into index.html as it is served.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TYPES: Readonly<Record<string, string>> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'index.html': 'text/html; charset=utf-8',
};

/** dist/console next to the bundled CLI (dist/tapstack.js), or from the sources' checkout. */
function assetDir(): string | undefined {
  const candidates = [
    new URL('./console/', import.meta.url),
    new URL('../../../dist/console/', import.meta.url),
  ];
  for (const url of candidates) {
    const dir = fileURLToPath(url);
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return undefined;
}

export interface Asset {
  readonly type: string;
  readonly body: Buffer;
}

export class ConsoleAssets {
  private readonly cache = new Map<string, Buffer>();
  private readonly dir = assetDir();

  get built(): boolean {
    return this.dir !== undefined;
  }

  /** The named file, or undefined for anything not in the bundle's fixed list. */
  get(name: string, token: string): Asset | undefined {
    const type = TYPES[name];
    if (!type || !this.dir) return undefined;
    let body = this.cache.get(name);
    if (!body) {
      body = readFileSync(`${this.dir}${name}`);
      this.cache.set(name, body);
    }
    if (name === 'index.html') body = Buffer.from(body.toString('utf8').replace('%CONSOLE_TOKEN%', token));
    return { type, body };
  }
}
