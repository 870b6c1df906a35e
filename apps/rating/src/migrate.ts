// `migrate rating`: applies rating's database migrations and exits (run before a rollout).
import { runMigrateCommand } from '@cascade/platform';
import { ratingDatabase } from './persistence/rating-database';

void runMigrateCommand(ratingDatabase);
