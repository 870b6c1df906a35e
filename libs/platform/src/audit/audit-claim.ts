import { EntityManager } from '@mikro-orm/core';
import { currentRequest } from '../auth/request-context';
import { AuditRow } from './audit.entity';

const CHANGED_NOTHING = Symbol('changed nothing');

/**
 * Says the transaction `em` is in changed nothing (a conditional update that
 * did not apply): it commits without the call's audit event, which stays for
 * a transaction that does change something, or for the call's failure.
 */
export function changedNothing(em: EntityManager): void {
  const transaction = em.getTransactionContext<object>();
  if (transaction) Reflect.set(transaction, CHANGED_NOTHING, true);
}

/**
 * The audit row a transaction of the call being served must insert before it
 * commits, if any (see PendingAudit); `transaction` is any object naming it
 * until `settleAudit`. For transactions the ORM does not run, too (ingest on
 * the driver's own connection).
 */
export function claimAudit(transaction: object): AuditRow | undefined {
  if (Reflect.get(transaction, CHANGED_NOTHING)) return undefined;
  return currentRequest()?.audit?.claim(transaction);
}

export function settleAudit(transaction: object, committed: boolean): void {
  currentRequest()?.audit?.settle(transaction, committed);
}
