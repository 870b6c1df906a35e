/** Everything a rendered invoice shows, gathered by the invoicing service; no I/O here. */
export interface InvoiceDocumentInput {
  invoice: DocumentInvoice;
  seller: DocumentParty;
  buyer: DocumentParty;
  /** The seller's brand; no logo renders none. */
  brand: DocumentBrand;
  /** Present when the transparency appendix was asked for: one per usage line. */
  explanations?: LineExplanation[];
}

export type DocumentStatus = 'DRAFT' | 'FINALIZED' | 'PAID' | 'VOID';
export type DocumentLineKind = 'SUBSCRIPTION_FEE' | 'USAGE' | 'ADJUSTMENT' | 'CREDIT' | 'TAX';

export interface DocumentParty {
  id: string;
  name: string;
  externalRef: string;
  address: string;
  taxId: string;
}

export interface DocumentBrand {
  logo?: { data: Uint8Array; contentType: string };
  /** "#rrggbb"; empty for the default. */
  accentColor: string;
}

export interface DocumentTier {
  units: string;
  unitPrice: string;
  amount: string;
}

/** Amounts are decimal strings, rounded to the currency's minor units by invoicing. */
export interface DocumentLine {
  number: number;
  kind: DocumentLineKind;
  description: string;
  meterCode: string;
  /** Falls back to meterCode when the invoice names no meter. */
  meterName: string;
  unit: string;
  planName: string;
  quantity: string;
  amount: string;
  tiers: DocumentTier[];
  from?: Date;
  to?: Date;
}

export interface DocumentInvoice {
  id: string;
  /** Empty while a draft. */
  number: string;
  status: DocumentStatus;
  currency: string;
  periodStart: Date;
  /** Exclusive. */
  periodEnd: Date;
  issuedAt?: Date;
  dueAt?: Date;
  lines: DocumentLine[];
  subtotal: string;
  taxRate: string;
  tax: string;
  total: string;
  creditsApplied: string;
  amountDue: string;
}

export interface Contribution {
  key: string;
  name: string;
  quantity: string;
}

/** A usage line's quantity split per child tenant and per resource. */
export interface LineExplanation {
  lineNumber: number;
  quantity: string;
  unit: string;
  byTenant: Contribution[];
  byResource: Contribution[];
}
