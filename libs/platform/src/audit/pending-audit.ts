import type { Principal } from '../auth/principal';
import type { AuditEntry, AuditLog } from './audit-log';
import type { AuditRow } from './audit.entity';

export interface AuditedCall {
  rpc: string;
  principal: Principal;
  details: string;
  /** A stream of changes: each committed transaction carries a row of its own. */
  stream: boolean;
}

/**
 * The audit event of one changing call, waiting for a transaction to carry
 * it. The first transaction of the call that commits holds the row (both
 * commit or neither); later ones hold nothing, except in a stream, where each
 * holds a row, numbered in the order the transactions claim it (a stream's
 * transactions in flight commit in that order, and none after a failure).
 * What no transaction carried — a call that committed nothing, a failure — is
 * written by `finish`'s caller on its own.
 */
export class PendingAudit {
  private readonly holders = new Set<object>();
  private carried = 0;
  private open = true;

  constructor(
    private readonly call: AuditedCall,
    private tenant: { id: string; path: string },
    private readonly log: AuditLog,
    private readonly resolvePath: (tenantId: string) => Promise<string>,
  ) {}

  /** The tenant acted on, when only the application service can tell; resolved now, outside any transaction. */
  async noteTenant(id: string, path?: string): Promise<void> {
    this.tenant = { id, path: path ?? (await this.resolvePath(id)) };
  }

  /**
   * The row `transaction` must insert before it commits, or undefined when
   * it carries none; `settle` says how it ended.
   */
  claim(transaction: object): AuditRow | undefined {
    if (!this.open) return undefined;
    if (!this.call.stream && (this.holders.size > 0 || this.carried > 0)) return undefined;
    this.holders.add(transaction);
    const details = this.call.stream
      ? JSON.stringify({ stream: true, commit: this.carried + this.holders.size })
      : this.call.details;
    return this.log.row(this.entry('OK', details));
  }

  settle(transaction: object, committed: boolean): void {
    if (!this.holders.delete(transaction)) return;
    if (committed) this.carried += 1;
  }

  /**
   * Ends the call: later transactions carry nothing. Returns the event still
   * to write: a failure (after a commit, a second row), or a success no
   * transaction carried.
   */
  finish(outcome: string): AuditEntry | undefined {
    this.open = false;
    if (outcome === 'OK' && this.carried > 0) return undefined;
    const details = this.call.stream
      ? JSON.stringify({ stream: true, commits: this.carried })
      : this.call.details;
    return this.entry(outcome, details);
  }

  private entry(outcome: string, details: string): AuditEntry {
    return {
      rpc: this.call.rpc,
      principal: this.call.principal,
      tenantId: this.tenant.id,
      tenantPath: this.tenant.path,
      outcome,
      details,
    };
  }
}
