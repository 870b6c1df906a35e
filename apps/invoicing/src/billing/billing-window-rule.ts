import { RunBillingRequest } from '@cascade/contracts';
import { isCalendarMonth, TimeRange } from '@cascade/invoicing-domain';
import { FieldProblems, invalidArgument, requiredPeriod } from '@cascade/platform';

/** A billing run's window: one calendar month (the scheduler's runs are checked too). */
export function requireBillingWindow(window: TimeRange): void {
  if (window.start.getTime() >= window.end.getTime())
    throw invalidArgument('period_end', 'must be after period_start');
  if (!isCalendarMonth(window))
    throw invalidArgument(
      'period_start',
      'a billing run covers one calendar month: the 1st at 00:00 UTC to the 1st of the next month',
    );
}

/** RunBilling's (and RunBillingWithProgress's) window, every field checked at once. */
export function requestedBillingWindow(req: RunBillingRequest): TimeRange {
  const problems = new FieldProblems();
  const window = requiredPeriod(req, problems);
  // The month is judged only on two valid, ordered instants.
  if (problems.list.length === 0) problems.check(() => requireBillingWindow(window));
  problems.throwIfAny();
  return window;
}
