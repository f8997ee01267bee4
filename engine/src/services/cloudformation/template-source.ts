/**
 * Where a call's template comes from: TemplateBody, TemplateURL (an object in the local S3,
 * path-style `http://<endpoint>/<bucket>/<key>` or `https://<bucket>.s3.<region>.amazonaws.com/<key>`),
 * or the stack's previous template. Exactly one must be given.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
 */
import { AwsError } from '../../runtime/aws-error.ts';
import { cloudformationErrors } from './errors.ts';
import type { StackControl } from './stack-control.ts';

export interface TemplateInput {
  readonly TemplateBody?: string;
  readonly TemplateURL?: string;
  readonly UsePreviousTemplate?: boolean;
}

/** TemplateURL's host forms: an S3 virtual-hosted name, or anything else read path-style. */
const VIRTUAL_HOST = /^([a-z0-9][a-z0-9.-]*)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/;

export function parseTemplateUrl(url: string): { bucket: string; key: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw cloudformationErrors.validation(`TemplateURL must be a supported URL: ${url}`);
  }
  const path = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const virtual = VIRTUAL_HOST.exec(parsed.hostname);
  if (virtual?.[1]) return path ? { bucket: virtual[1], key: path } : fail(url);
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) return fail(url);
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

function fail(url: string): never {
  throw cloudformationErrors.validation(
    `TemplateURL must be a supported URL (an S3 object URL with a bucket and key): ${url}`,
  );
}

/** The template text a call names; `previous` supplies UsePreviousTemplate's. */
export async function templateText(
  input: TemplateInput,
  control: StackControl,
  previous?: () => Promise<string>,
): Promise<string> {
  const given = [input.TemplateBody, input.TemplateURL, input.UsePreviousTemplate ? true : undefined].filter(
    (v) => v !== undefined,
  );
  if (given.length !== 1) {
    throw cloudformationErrors.validation(
      previous
        ? 'Specify exactly one of TemplateBody, TemplateURL or UsePreviousTemplate.'
        : 'Specify exactly one of TemplateBody or TemplateURL.',
    );
  }
  if (input.TemplateBody !== undefined) return input.TemplateBody;
  if (input.TemplateURL !== undefined) {
    const { bucket, key } = parseTemplateUrl(input.TemplateURL);
    try {
      return await control.readObject(bucket, key);
    } catch (error) {
      const reason = error instanceof AwsError ? `${error.code}: ${error.message}` : String(error);
      throw cloudformationErrors.validation(`TemplateURL ${input.TemplateURL} could not be read (${reason})`);
    }
  }
  if (!previous)
    throw cloudformationErrors.validation('UsePreviousTemplate is only valid when updating a stack.');
  return previous();
}
