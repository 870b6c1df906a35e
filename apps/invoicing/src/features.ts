import { Provider, Type } from '@nestjs/common';
import { SellerRelationships } from './access/seller-relationships';
import { UnpricedCheck } from './billing/unpriced-check';
import { UsageGateway } from './billing/usage.gateway';
import { UnpricedUsageRepository } from './persistence/unpriced-usage.repository';
import { UnpricedUsageController } from './unpriced/unpriced-usage.controller';
import { CancellationController } from './cancellations/cancellation.controller';
import { CancellationService } from './cancellations/cancellation.service';
import { ChunkBiller } from './billing/chunk-biller';
import { LineLabelSource } from './billing/line-label-source';
import { CreditController } from './credits/credit.controller';
import { CreditService } from './credits/credit.service';
import { DocumentExplanations } from './documents/document-explanations';
import { DocumentParties } from './documents/document-parties';
import { InvoiceDocumentController } from './documents/invoice-document.controller';
import { InvoiceDocumentService } from './documents/invoice-document.service';
import { CreditNoteController } from './credit-notes/credit-note.controller';
import { CreditNoteService } from './credit-notes/credit-note.service';
import { BillingContextRepository } from './persistence/billing-context.repository';
import { BillingRunRepository } from './persistence/billing-run.repository';
import { CreditNoteRepository } from './persistence/credit-note.repository';
import { LateUsageRepository } from './persistence/late-usage.repository';
import { LineExplanationController } from './explain/line-explanation.controller';
import { LineExplanationService } from './explain/line-explanation.service';
import { SellerProfileController } from './profiles/seller-profile.controller';
import { SellerProfileService } from './profiles/seller-profile.service';
import { MarginReportController } from './reports/margin-report.controller';
import { MarginReportService } from './reports/margin-report.service';
import { BillingProgressController } from './runs/billing-progress.controller';
import { BillingRunController } from './runs/billing-run.controller';
import { BillingSettingsController } from './settings/billing-settings.controller';
import { BillingSettingsService } from './settings/billing-settings.service';

/** Billing runs, settings, credits, credit notes, cancellations, margin reports, documents, unpriced usage, seller profiles and line explanations. */
export const featureControllers: Type[] = [
  BillingRunController,
  BillingProgressController,
  BillingSettingsController,
  CreditController,
  CreditNoteController,
  CancellationController,
  MarginReportController,
  InvoiceDocumentController,
  UnpricedUsageController,
  SellerProfileController,
  LineExplanationController,
];

export const featureProviders: Provider[] = [
  BillingRunRepository,
  BillingContextRepository,
  LateUsageRepository,
  CreditNoteRepository,
  ChunkBiller,
  LineLabelSource,
  BillingSettingsService,
  CreditService,
  CreditNoteService,
  CancellationService,
  MarginReportService,
  DocumentParties,
  DocumentExplanations,
  InvoiceDocumentService,
  SellerRelationships,
  UsageGateway,
  UnpricedUsageRepository,
  UnpricedCheck,
  SellerProfileService,
  LineExplanationService,
];
