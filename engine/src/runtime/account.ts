/** The emulated account and Region. Fixed values keep ARNs stable across restarts. */
export interface AccountContext {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

export const DEFAULT_ACCOUNT: AccountContext = {
  accountId: '000000000000',
  region: 'us-east-1',
  partition: 'aws',
};

export const arn = (ctx: AccountContext, service: string, resource: string, region = ctx.region): string =>
  `arn:${ctx.partition}:${service}:${region}:${ctx.accountId}:${resource}`;
