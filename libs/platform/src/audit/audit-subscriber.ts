import { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { claimAudit, settleAudit } from './audit-claim';
import { auditInsert } from './audit-insert';

/**
 * Puts the pending audit event of the call being served (if any) into the
 * transaction that is about to commit, so the change and its record commit
 * together or not at all. Registered on every service's ORM.
 */
export class AuditSubscriber implements EventSubscriber {
  async beforeTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const row = args.transaction && claimAudit(args.transaction as object);
    if (!row) return;
    const { sql, values } = auditInsert(row);
    await args.em.getConnection().execute(sql, values, 'run', args.transaction);
  }

  afterTransactionCommit(args: TransactionEventArgs): void {
    if (args.transaction) settleAudit(args.transaction as object, true);
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    if (args.transaction) settleAudit(args.transaction as object, false);
  }
}
