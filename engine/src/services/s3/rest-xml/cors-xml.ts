import type { CorsRule } from '../cors-rules.ts';
import { s3Errors } from '../errors.ts';
import { childrenNamed, element, type XmlElement } from './xml.ts';

/**
 * CORSConfiguration XML ⇄ rules. Structure problems (another root, unknown or repeated single
 * elements, a rule without AllowedOrigin/AllowedMethod, a MaxAgeSeconds that is not a whole
 * number) are MalformedXML, as S3 answers them; the value checks live in cors-rules.ts.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CORSRule.html
 */
const RULE_ELEMENTS = new Set([
  'ID',
  'AllowedOrigin',
  'AllowedMethod',
  'AllowedHeader',
  'ExposeHeader',
  'MaxAgeSeconds',
]);

export function parseCorsConfiguration(root: XmlElement): CorsRule[] {
  if (root.name !== 'CORSConfiguration') throw s3Errors.malformedXml('expected <CORSConfiguration>');
  if (root.children.some((c) => c.name !== 'CORSRule') || root.text.trim() !== '')
    throw s3Errors.malformedXml('<CORSConfiguration> holds only <CORSRule> elements');
  return root.children.map(parseRule);
}

function parseRule(rule: XmlElement): CorsRule {
  if (rule.text.trim() !== '') throw s3Errors.malformedXml('text inside <CORSRule>');
  const unknown = rule.children.find((c) => !RULE_ELEMENTS.has(c.name) || c.children.length > 0);
  if (unknown) throw s3Errors.malformedXml(`unexpected <${unknown.name}> in <CORSRule>`);
  // Values keep their characters (S3 stores them as sent); only the method is compared trimmed-free.
  const values = (name: string): string[] => childrenNamed(rule, name).map((c) => c.text);
  const single = (name: string): string | undefined => {
    const found = values(name);
    if (found.length > 1) throw s3Errors.malformedXml(`<${name}> appears more than once in a <CORSRule>`);
    return found[0];
  };
  const origins = values('AllowedOrigin');
  const methods = values('AllowedMethod');
  if (origins.length === 0 || methods.length === 0)
    throw s3Errors.malformedXml('each CORSRule needs at least one AllowedOrigin and one AllowedMethod');
  const id = single('ID');
  const age = single('MaxAgeSeconds');
  if (age !== undefined && !/^\d{1,10}$/.test(age.trim()))
    throw s3Errors.malformedXml('MaxAgeSeconds must be a whole number of seconds');
  const headers = values('AllowedHeader');
  const expose = values('ExposeHeader');
  return {
    ...(id === undefined ? {} : { id }),
    allowedOrigins: origins,
    allowedMethods: methods,
    ...(headers.length > 0 ? { allowedHeaders: headers } : {}),
    ...(expose.length > 0 ? { exposeHeaders: expose } : {}),
    ...(age === undefined ? {} : { maxAgeSeconds: Number(age.trim()) }),
  };
}

/** The GetBucketCors document (elements in the order S3 writes them). */
export function corsConfigurationToXml(rules: readonly CorsRule[]): string {
  const each = (name: string, values: readonly string[] | undefined): string =>
    (values ?? []).map((value) => element(name, value)).join('');
  const body = rules
    .map(
      (rule) =>
        `<CORSRule>${element('ID', rule.id)}${each('AllowedHeader', rule.allowedHeaders)}` +
        `${each('AllowedMethod', rule.allowedMethods)}${each('AllowedOrigin', rule.allowedOrigins)}` +
        `${each('ExposeHeader', rule.exposeHeaders)}${element('MaxAgeSeconds', rule.maxAgeSeconds)}</CORSRule>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${body}</CORSConfiguration>`
  );
}
