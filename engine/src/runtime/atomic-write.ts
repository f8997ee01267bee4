/**
 * Writes that leave either the old file or the complete new one, never a partial or empty file:
 * the data goes to a temporary file beside the target, is fsynced, then renamed over it; on any
 * error the temporary file is removed and the error names the file that could not be written.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/** An fs error re-thrown with the target file in its message (Node's write errors name none). */
export function namingFile(error: unknown, path: string): Error {
  const e = error as NodeJS.ErrnoException;
  if (typeof e?.message !== 'string') return new Error(`cannot write ${path}: ${String(error)}`);
  const wrapped: NodeJS.ErrnoException = new Error(`cannot write ${path}: ${e.message}`, { cause: error });
  if (e.code !== undefined) wrapped.code = e.code;
  if (e.errno !== undefined) wrapped.errno = e.errno;
  if (e.syscall !== undefined) wrapped.syscall = e.syscall;
  wrapped.path = path;
  return wrapped;
}

let counter = 0;

export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): void {
  counter = (counter + 1) % 1_000_000;
  const temporary = `${path}.${process.pid}.${counter}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'w', mode);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Already failing; the original error is the one to report.
      }
    }
    rmSync(temporary, { force: true });
    throw namingFile(error, path);
  }
}
