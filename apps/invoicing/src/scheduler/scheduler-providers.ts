import { Provider } from '@nestjs/common';
import { ScheduleStateRepository } from '../persistence/schedule-state.repository';
import { SchedulerLeaseRepository } from '../persistence/scheduler-lease.repository';
import { BillingScheduler, SCHEDULER_CONFIG } from './billing-scheduler';
import { SchedulerClock, WallClock } from './scheduler-clock';
import { schedulerConfig } from './scheduler-config';

/** The billing scheduler; its settings are read (and checked) when the module is built. */
export const schedulerProviders: Provider[] = [
  ScheduleStateRepository,
  SchedulerLeaseRepository,
  { provide: SchedulerClock, useClass: WallClock },
  { provide: SCHEDULER_CONFIG, useFactory: () => schedulerConfig() },
  BillingScheduler,
];
