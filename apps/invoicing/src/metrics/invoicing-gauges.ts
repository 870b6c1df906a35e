import { Injectable, OnModuleInit } from '@nestjs/common';
import { InvoicingStateRepository } from '../persistence/invoicing-state.repository';
import { readStateFrom } from './invoicing-metrics';

/** Points the scrape-time gauges (invoices by status, outbox depth) at the database. */
@Injectable()
export class InvoicingGauges implements OnModuleInit {
  constructor(private readonly state: InvoicingStateRepository) {}

  onModuleInit(): void {
    readStateFrom(this.state);
  }
}
