import { randomUUID } from 'node:crypto';
import { Timestamp, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { InvoiceEventRow } from '../persistence/invoice-event.entity';
import { InvoiceRepository } from '../persistence/invoice.repository';
import { Harness } from './harness';

export const at = (iso: string): Date => new Date(iso);
export const ts = (date: Date): Timestamp => timestampFromDate(date);

/** [start of month, start of next month), UTC; month is 1-based. */
export function month(year: number, m: number): { start: Date; end: Date } {
  return { start: new Date(Date.UTC(year, m - 1, 1)), end: new Date(Date.UTC(year, m, 1)) };
}

/** Tenant ids unique per test, so tests sharing one database never see each other. */
export function ids(...names: string[]): Record<string, string> {
  const tag = randomUUID().slice(0, 8);
  return Object.fromEntries(names.map((name) => [name, `${name}-${tag}`]));
}

export function runBilling(h: Harness, period: { start: Date; end: Date }) {
  return h.client.runBilling({ periodStart: ts(period.start), periodEnd: ts(period.end) });
}

/** The outbox rows of one seller (or all), as stored. */
export function outbox(h: Harness, sellerTenantId = ''): Promise<InvoiceEventRow[]> {
  return h.app
    .get(InvoiceRepository)
    .eventsAfter(0n, { sellerTenantId, buyerTenantId: '' }, 100_000);
}
