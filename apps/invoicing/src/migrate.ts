// `migrate invoicing`: applies invoicing's database migrations and exits (run before a rollout).
import { runMigrateCommand } from '@cascade/platform';
import { invoicingDatabase } from './persistence/invoicing-database';

void runMigrateCommand(invoicingDatabase);
