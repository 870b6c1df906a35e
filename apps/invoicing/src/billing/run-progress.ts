import { Logger } from '@nestjs/common';
import { BillingRunRow, noCounts, RunCounts } from '../persistence/billing-run.entity';
import { BillingRunRepository } from '../persistence/billing-run.repository';
import { SavedDraft } from '../persistence/invoice-record';
import { PairKey, pairKey } from '../persistence/pair-key';
import { billingRunEdgesSeen } from '../metrics/invoicing-metrics';

/** A run's counts, saved on the run's row (and logged) after every chunk. */
export class RunProgress {
  readonly counts: RunCounts = noCounts();
  readonly invoiceIds: string[] = [];
  /** (seller, buyer) pairs billed so far, so a later pass of the run skips them. */
  private readonly pairs = new Set<string>();

  constructor(
    private readonly run: BillingRunRow,
    private readonly runs: BillingRunRepository,
    private readonly log: Logger,
    private readonly label: string,
  ) {}

  get preview(): boolean {
    return this.run.preview === 1;
  }

  /** Edge parts rating or metering has listed for the run: the total to do. */
  listed(parts: number): void {
    this.counts.edgesTotal += parts;
  }

  unpriced(lines: number): void {
    this.counts.unpricedLines += lines;
  }

  seen(parts: number): void {
    this.counts.edgesSeen += parts;
    billingRunEdgesSeen(parts);
  }

  billedPair(pair: PairKey): boolean {
    return this.pairs.has(pairKey(pair));
  }

  async billed(saved: readonly (SavedDraft & PairKey)[]): Promise<void> {
    for (const s of saved) {
      this.pairs.add(pairKey(s));
      this.invoiceIds.push(s.id);
      this.counts.invoicesBilled += 1;
      if (s.outcome === 'created') this.counts.invoicesCreated += 1;
      else if (s.outcome === 'updated') this.counts.invoicesUpdated += 1;
      else if (s.outcome === 'unchanged') this.counts.invoicesUnchanged += 1;
      else this.counts.invoicesLocked += 1;
    }
    await this.runs.progress(this.run.id, this.counts, new Date());
    this.log.log(`run ${this.run.id} ${this.label}: ${this.summary()}`);
  }

  summary(): string {
    const c = this.counts;
    return `${c.edgesSeen} edges, ${c.invoicesBilled} invoices (${c.invoicesCreated} created, ${c.invoicesUpdated} updated, ${c.invoicesUnchanged} unchanged, ${c.invoicesLocked} locked), ${c.unpricedLines} unpriced`;
  }
}
