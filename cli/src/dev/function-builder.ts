import { relative, resolve } from 'node:path';
import type { BuildContext, BuildFailure, Message } from 'esbuild';
import { FUNCTION_BUNDLE_OPTIONS } from '../../../infra/src/bundle-options.ts';

export type BuildOutcome =
  | { readonly ok: true; readonly code: string; readonly bytes: number; readonly inputs: readonly string[] }
  | { readonly ok: false; readonly report: string; readonly inputs: readonly string[] };

/**
 * One function's bundle, rebuilt incrementally: the esbuild context (and its parsed-file cache)
 * is kept between builds, so a save costs a rebuild of what changed, not a new process. Each
 * build reports the absolute paths of every file esbuild read (the import graph, from the
 * metafile), which is what the watcher watches.
 */
export class FunctionBuilder {
  private ctx?: BuildContext<{ metafile: true; write: false }>;
  /** Kept from the last good build: a failed build still watches the files it had read. */
  private lastInputs: readonly string[] = [];

  constructor(
    private readonly root: string,
    readonly entry: string,
    private readonly color: boolean,
  ) {}

  async build(): Promise<BuildOutcome> {
    // Loaded on first use: plain `tapstack up` never pays for esbuild.
    const { context } = await import('esbuild');
    this.ctx ??= await context({
      ...FUNCTION_BUNDLE_OPTIONS,
      entryPoints: [this.entry],
      absWorkingDir: this.root,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    try {
      const result = await this.ctx.rebuild();
      const code = result.outputFiles[0]?.text ?? '';
      this.lastInputs = Object.keys(result.metafile.inputs)
        .filter((path) => !path.includes('node_modules/'))
        .map((path) => resolve(this.root, path));
      return { ok: true, code, bytes: Buffer.byteLength(code), inputs: this.lastInputs };
    } catch (error) {
      const errors = (error as Partial<BuildFailure>).errors;
      if (!errors) throw error;
      return { ok: false, report: await this.report(errors), inputs: this.lastInputs };
    }
  }

  /** esbuild's own rendering: `file:line:column: ERROR: …` and a code frame under it. */
  private async report(errors: Message[]): Promise<string> {
    const located = errors.map((message) =>
      message.location
        ? {
            ...message,
            location: {
              ...message.location,
              file: relative(this.root, resolve(this.root, message.location.file)),
            },
          }
        : message,
    );
    const { formatMessages } = await import('esbuild');
    const lines = await formatMessages(located, { kind: 'error', color: this.color });
    const where = located
      .map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column}` : undefined))
      .filter((x) => x !== undefined);
    return [`build failed at ${where.join(', ') || 'unknown location'}`, ...lines].join('\n').trimEnd();
  }

  async dispose(): Promise<void> {
    await this.ctx?.dispose();
  }
}
