import { currentRequest } from '../auth/request-context';
import { AuditRow } from './audit.entity';

/**
 * The audit row a transaction of the call being served must insert before it
 * commits, if any (see PendingAudit); `transaction` is any object naming it
 * until `settleAudit`. For transactions the ORM does not run, too (ingest on
 * the driver's own connection).
 */
export function claimAudit(transaction: object): AuditRow | undefined {
  return currentRequest()?.audit?.claim(transaction);
}

export function settleAudit(transaction: object, committed: boolean): void {
  currentRequest()?.audit?.settle(transaction, committed);
}
