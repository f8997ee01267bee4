import { createHash } from 'node:crypto';
import type { S3Service } from '../service.ts';

/** A stable canonical user id for the account (S3 shows 64 hex characters). */
export const ownerOf = (service: S3Service): { ID: string; DisplayName: string } => ({
  ID: createHash('sha256').update(service.account.accountId).digest('hex'),
  DisplayName: 'tapstack',
});
