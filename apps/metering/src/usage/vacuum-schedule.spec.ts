import { VACUUM_AFTER, VacuumSchedule } from './vacuum-schedule';

describe('VacuumSchedule', () => {
  it('vacuums every VACUUM_AFTER folded rows, then once at the first quiet sweep, then rests', () => {
    const schedule = new VacuumSchedule();
    const drains = [0, VACUUM_AFTER - 1, 1, 5, 0, 0, 0, VACUUM_AFTER, 0];
    expect(drains.map((folded) => schedule.afterDrain(folded))).toEqual([
      false, // nothing folded yet: nothing to vacuum
      false,
      true, // VACUUM_AFTER reached
      false,
      true, // quiet after folding: the vacuum that can truncate
      false,
      false,
      true,
      true,
    ]);
  });
});
