import { InvoiceStatus as ProtoStatus } from '@cascade/contracts';
import { invalidArgument } from '@cascade/platform';
import { INVOICE_STATUSES, InvoiceStatus } from '../persistence/invoice.entity';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

/** 0 is the default page; anything outside 1..1000 is refused, never clamped. */
export function pageSize(value: number): number {
  if (value === 0) return DEFAULT_PAGE_SIZE;
  if (value < 0 || value > MAX_PAGE_SIZE)
    throw invalidArgument('page_size', `must be between 1 and ${MAX_PAGE_SIZE}`);
  return value;
}

/** UNSPECIFIED is any status; a number the enum does not define is refused. */
export function statusFilter(value: ProtoStatus): InvoiceStatus | undefined {
  if (value === ProtoStatus.UNSPECIFIED) return undefined;
  const name = ProtoStatus[value] as string | undefined;
  if (name === undefined || !(INVOICE_STATUSES as readonly string[]).includes(name))
    throw invalidArgument('status', `unknown invoice status ${value}`);
  return name as InvoiceStatus;
}
