import { randomUUID } from 'node:crypto';
import { isKnownCurrency } from '@cascade/money';
import { TenantRow } from '../persistence/tenant.entity';
import { TENANT_KINDS, TenantKind } from './tenant-input';
import { closedProblem, currencyProblem } from './tenant-rules';

export const MAX_IMPORT_ROWS = 10_000;
const MAX_TEXT = 255;

/** One row as sent; `kind` is the enum's name without its prefix, or undefined when unknown. */
export interface ImportRow {
  externalRef: string;
  parentExternalRef: string;
  name: string;
  kind: string | undefined;
  currency: string;
}

export interface ImportPlan {
  /** Every problem of every row, "tenants[i].field: reason", in row order. */
  problems: string[];
  /** One per row: the tenant created for it, or the stored one it matched. */
  tenants: TenantRow[];
  /** The tenants to insert, parents before children. */
  created: TenantRow[];
}

function textProblem(value: string): string | undefined {
  if (value.trim().length === 0) return 'is required';
  if (value.length > MAX_TEXT) return `must be at most ${MAX_TEXT} characters`;
  return undefined;
}

/** A stored tenant a row describes exactly: sending the row again changes nothing. */
function differences(row: ImportRow, stored: TenantRow, parentRef: string): string[] {
  return [
    parentRef === row.parentExternalRef ? '' : 'parent',
    stored.name === row.name.trim() ? '' : 'name',
    stored.kind === row.kind ? '' : 'kind',
    stored.currency === row.currency ? '' : 'currency',
  ].filter(Boolean);
}

/**
 * Judges a whole batch at once, with the stored tenants its rows and parents
 * name (by external ref): what to create, or every problem of every row.
 * Pure, so a batch of 10,000 is checked in memory in one pass.
 */
export function planImport(
  rows: readonly ImportRow[],
  stored: ReadonlyMap<string, TenantRow>,
  storedById: ReadonlyMap<string, TenantRow>,
  now: Date,
): ImportPlan {
  const problems: string[] = [];
  const tenants: TenantRow[] = [];
  const created: TenantRow[] = [];
  /** Tenants the batch has placed so far, by external ref: parents for later rows. */
  const placed = new Map<string, TenantRow>();
  const firstRow = new Map<string, number>();
  rows.forEach((row, i) => {
    const at = (field: string, reason: string | undefined) => {
      if (reason) problems.push(`tenants[${i}].${field}: ${reason}`);
      return reason !== undefined;
    };
    const before = problems.length;
    const earlier = firstRow.get(row.externalRef);
    if (!at('external_ref', textProblem(row.externalRef)) && earlier !== undefined)
      at('external_ref', `${JSON.stringify(row.externalRef)} repeats tenants[${earlier}]`);
    if (!firstRow.has(row.externalRef)) firstRow.set(row.externalRef, i);
    at('name', textProblem(row.name));
    if (!row.kind || !(TENANT_KINDS as readonly string[]).includes(row.kind))
      at('kind', 'must be PROVIDER, DISTRIBUTOR, RESELLER or CUSTOMER');
    if (!isKnownCurrency(row.currency))
      at('currency', `unknown ISO 4217 currency code ${JSON.stringify(row.currency)}`);
    let parent: TenantRow | undefined;
    if (row.parentExternalRef.length > MAX_TEXT)
      at('parent_external_ref', `must be at most ${MAX_TEXT} characters`);
    else if (row.parentExternalRef) {
      parent = placed.get(row.parentExternalRef) ?? stored.get(row.parentExternalRef);
      if (!parent)
        at(
          'parent_external_ref',
          `no tenant ${JSON.stringify(row.parentExternalRef)} is stored or in an earlier row`,
        );
      else {
        at(
          'parent_external_ref',
          closedProblem(parent, `tenant ${JSON.stringify(parent.externalRef)}`),
        );
        if (isKnownCurrency(row.currency)) at('currency', currencyProblem(parent, row.currency));
      }
    }
    const existing = stored.get(row.externalRef);
    if (existing && problems.length === before) {
      const parentRef = existing.parentId
        ? (storedById.get(existing.parentId)?.externalRef ?? '')
        : '';
      const differs = differences(row, existing, parentRef);
      if (differs.length > 0)
        at(
          'external_ref',
          `${JSON.stringify(row.externalRef)} is already used by a tenant with another ${differs.join(', ')}`,
        );
    }
    if (problems.length > before || earlier !== undefined) return;
    if (existing) {
      placed.set(row.externalRef, existing);
      tenants.push(existing);
      return;
    }
    const id = randomUUID();
    const tenant: TenantRow = {
      id,
      parentId: parent?.id ?? null,
      externalRef: row.externalRef,
      name: row.name.trim(),
      kind: row.kind as TenantKind,
      currency: row.currency,
      status: 'ACTIVE',
      path: `${parent?.path ?? '/'}${id}/`,
      createdAt: now,
      closedAt: null,
    };
    placed.set(row.externalRef, tenant);
    tenants.push(tenant);
    created.push(tenant);
  });
  return { problems, tenants, created };
}
