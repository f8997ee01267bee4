import { createHash } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import { lambdaErrors } from './errors.ts';
import { zipIntact } from './zip-check.ts';

/**
 * A function's deployment package as Lambda describes it: the code the environments run, and
 * the `CodeSize` / `CodeSha256` of the package (the zip's byte count and the base64 SHA-256 of
 * the zip's bytes). https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html
 */
export interface CodePackage {
  /** The handler file's source, run as CommonJS `index.js`. */
  readonly code: string;
  readonly codeSize: number;
  readonly codeSha256: string;
}

/** Lambda's own words for an upload that is not a zip archive (see AWS-FACTS.md). */
export const NOT_A_ZIP = 'Could not unzip uploaded file. Please check your file, then try to upload again.';

/** The handler file's extensions a CommonJS Node.js function can have. */
const HANDLER_EXTENSIONS = ['.js', '.cjs'];

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('base64');

/** The file a handler such as `index.handler` or `src/app.main` loads, without extension. */
export function handlerModule(handler: string): string {
  return handler.slice(0, handler.lastIndexOf('.'));
}

/**
 * Reads an uploaded zip (UpdateFunctionCode `ZipFile`): refuses bytes that are not a zip archive
 * with Lambda's message, and a package without the handler's file naming the file it looked for,
 * so a bad upload never replaces working code.
 */
export function readZipPackage(zip: Uint8Array, handler: string): CodePackage {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch {
    throw lambdaErrors.invalidParameter(NOT_A_ZIP);
  }
  if (!zipIntact(zip, files)) throw lambdaErrors.invalidParameter(NOT_A_ZIP);
  const module = handlerModule(handler);
  const candidates = HANDLER_EXTENSIONS.map((ext) => `${module}${ext}`);
  const found = candidates.find((name) => Object.hasOwn(files, name));
  if (!found) {
    const listed = Object.keys(files).filter((name) => !name.endsWith('/'));
    throw lambdaErrors.invalidParameter(
      `The deployment package has no ${candidates.join(' or ')} for handler '${handler}' ` +
        `(files in the zip: ${listed.length > 0 ? listed.slice(0, 10).join(', ') : 'none'})`,
    );
  }
  const bytes = files[found] ?? new Uint8Array();
  return { code: Buffer.from(bytes).toString('utf8'), codeSize: zip.byteLength, codeSha256: sha256(zip) };
}

/** Fixed entry time, so the same code always yields the same package and the same CodeSha256. */
const ZIP_MTIME = new Date('1980-01-01T00:00:00Z');

/** A zip holding `<handler module>.js`, as CloudFormation packages inline `Code.ZipFile` source. */
export function zipSource(code: string, handler = 'index.handler'): Uint8Array {
  return zipSync(
    { [`${handlerModule(handler)}.js`]: [Buffer.from(code, 'utf8'), { mtime: ZIP_MTIME }] },
    { level: 6 },
  );
}

/** Inline source (`Code.ZipFile`): described as the deterministic zip `zipSource` builds of it. */
export function inlinePackage(code: string, handler: string): CodePackage {
  const zip = zipSource(code, handler);
  return { code, codeSize: zip.byteLength, codeSha256: sha256(zip) };
}
