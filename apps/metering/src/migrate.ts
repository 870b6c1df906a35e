// `migrate metering`: applies metering's database migrations and exits (run before a rollout).
import { runMigrateCommand } from '@cascade/platform';
import { meteringDatabase } from './persistence/metering-database';

void runMigrateCommand(meteringDatabase);
