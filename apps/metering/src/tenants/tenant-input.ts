import { isKnownCurrency } from '@cascade/money';
import { invalidArgument } from '@cascade/platform';

export const TENANT_KINDS = ['PROVIDER', 'DISTRIBUTOR', 'RESELLER', 'CUSTOMER'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];
export const TENANT_STATUSES = ['ACTIVE', 'SUSPENDED', 'CLOSED'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export interface CreateTenantInput {
  parentId: string;
  externalRef: string;
  name: string;
  kind: TenantKind;
  currency: string;
}

export function requireText(value: string, field: string, max = 255): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw invalidArgument(field, 'is required');
  if (trimmed.length > max) throw invalidArgument(field, `must be at most ${max} characters`);
  return trimmed;
}

/** Ids Cascade issues are far shorter; a longer one is a mistake, not an unknown id. */
const MAX_ID = 255;

export function optionalId(value: string, field: string): string {
  if (value.length > MAX_ID) throw invalidArgument(field, `must be at most ${MAX_ID} characters`);
  return value;
}

export function requireId(value: string, field: string): string {
  if (!value) throw invalidArgument(field, 'is required');
  return optionalId(value, field);
}

export function requireCurrency(value: string, field = 'currency'): string {
  if (!isKnownCurrency(value))
    throw invalidArgument(field, `unknown ISO 4217 currency code ${JSON.stringify(value)}`);
  return value;
}

export function requirePageSize(value: number, field = 'page_size'): number {
  if (value === 0) return 100;
  if (value < 0 || value > 1000) throw invalidArgument(field, 'must be between 1 and 1000');
  return value;
}

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** ListTenants pages by tenant id: a token is the last id of the page before. */
export function requireTenantPageToken(value: string, field = 'page_token'): string {
  if (value && !TENANT_ID.test(value))
    throw invalidArgument(field, 'is not a token this service issued');
  return value;
}

/** A page token that is the offset of the page (ListBillingEdges, SummarizeTree): 0 when empty. */
export function offsetPageToken(value: string, field = 'page_token'): number {
  // Longer than any safe integer's digits: not a token this service issued.
  const offset = value === '' ? 0 : value.length > 32 ? Number.NaN : Number(value);
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw invalidArgument(field, 'is not a token this service issued');
  return offset;
}
