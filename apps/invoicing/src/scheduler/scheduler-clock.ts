/** Where the scheduler reads the time: the wall clock, or a test's hand. */
export abstract class SchedulerClock {
  abstract now(): Date;
}

export class WallClock extends SchedulerClock {
  now(): Date {
    return new Date();
  }
}

/** A clock that moves only when told, so a test decides what each tick sees. */
export class ManualClock extends SchedulerClock {
  constructor(private current: Date) {
    super();
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: Date): void {
    this.current = new Date(instant.getTime());
  }
}
