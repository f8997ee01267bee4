import type { QueryServiceEntry } from '../../protocol/service-entry.ts';
import { type AccountContext, DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { getCallerIdentity } from './operations/get-caller-identity.ts';

/** STS on the AWS endpoint: the query protocol, `Action=<Operation>`. */
export function stsServiceEntry(account: AccountContext = DEFAULT_ACCOUNT): QueryServiceEntry {
  return {
    kind: 'query',
    protocol: { xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/' },
    iamPrefix: 'sts',
    operations: { GetCallerIdentity: getCallerIdentity(account) },
  };
}
