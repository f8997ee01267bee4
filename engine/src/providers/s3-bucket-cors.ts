import { isAwsError } from '../runtime/aws-error.ts';
import { type CorsRule, checkCorsRules } from '../services/s3/index.ts';
import { asRecord, optionalList, optionalObject, type ProviderContext, propertyError } from './provider.ts';

type Props = Readonly<Record<string, unknown>>;

/**
 * AWS::S3::Bucket `CorsConfiguration` as the rules S3's PutBucketCors takes, checked the way S3
 * checks them, so a bad rule fails the resource naming the property before anything changes.
 * Undefined: the template sets no CORS (the bucket's configuration is removed).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-corsconfiguration.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-corsrule.html
 */
export function readCorsConfiguration(ctx: ProviderContext, props: Props): CorsRule[] | undefined {
  const cors = optionalObject(props, 'CorsConfiguration', ctx);
  if (!cors) return undefined;
  const list = optionalList(cors, 'CorsRules', ctx);
  if (!list) throw propertyError(ctx, 'CorsConfiguration.CorsRules', 'is required');
  const rules = list.map((value, index) =>
    readRule(ctx, asRecord(value), `CorsConfiguration.CorsRules.${index}`),
  );
  try {
    checkCorsRules(rules);
  } catch (error) {
    if (isAwsError(error)) throw propertyError(ctx, 'CorsConfiguration.CorsRules', error.message);
    throw error;
  }
  return rules;
}

const KNOWN = ['AllowedHeaders', 'AllowedMethods', 'AllowedOrigins', 'ExposedHeaders', 'Id', 'MaxAge'];

function readRule(ctx: ProviderContext, rule: Props, path: string): CorsRule {
  const unknown = Object.keys(rule).find((key) => !KNOWN.includes(key));
  if (unknown) throw propertyError(ctx, `${path}.${unknown}`, 'is not a CorsRule property');
  const strings = (name: string): string[] | undefined => {
    const value = rule[name];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
      throw propertyError(ctx, `${path}.${name}`, 'expected a list of strings');
    return value as string[];
  };
  const origins = strings('AllowedOrigins');
  const methods = strings('AllowedMethods');
  if (!origins || origins.length === 0) throw propertyError(ctx, `${path}.AllowedOrigins`, 'is required');
  if (!methods || methods.length === 0) throw propertyError(ctx, `${path}.AllowedMethods`, 'is required');
  const headers = strings('AllowedHeaders');
  const exposed = strings('ExposedHeaders');
  const id = rule.Id;
  if (id !== undefined && typeof id !== 'string') throw propertyError(ctx, `${path}.Id`, 'expected a string');
  const rawAge = rule.MaxAge;
  const age = typeof rawAge === 'string' && rawAge.trim() !== '' ? Number(rawAge) : rawAge;
  if (age !== undefined && (typeof age !== 'number' || !Number.isInteger(age) || age < 0))
    throw propertyError(ctx, `${path}.MaxAge`, 'expected a whole number of seconds');
  return {
    ...(id === undefined ? {} : { id }),
    allowedOrigins: origins,
    allowedMethods: methods,
    ...(headers && headers.length > 0 ? { allowedHeaders: headers } : {}),
    ...(exposed && exposed.length > 0 ? { exposeHeaders: exposed } : {}),
    ...(age === undefined ? {} : { maxAgeSeconds: age as number }),
  };
}
