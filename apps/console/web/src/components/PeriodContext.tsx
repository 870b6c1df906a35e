import { createContext, useContext, useState, type ReactNode } from 'react';
import { lastMonth, monthPeriod, type Period } from '../format/period';

interface PeriodValue {
  month: string;
  period: Period;
  setMonth(month: string): void;
}

const PeriodContext = createContext<PeriodValue | undefined>(undefined);

/** The month every view reports on; starts at ?period=YYYY-MM or the last closed month. */
export function PeriodProvider({ children }: { children: ReactNode }) {
  const initial = new URLSearchParams(window.location.search).get('period') ?? '';
  const [month, setMonth] = useState(monthPeriod(initial) ? initial : lastMonth(new Date()));
  const period = monthPeriod(month) as Period;
  return (
    <PeriodContext.Provider value={{ month, period, setMonth }}>{children}</PeriodContext.Provider>
  );
}

export function usePeriod(): PeriodValue {
  const value = useContext(PeriodContext);
  if (!value) throw new Error('usePeriod outside PeriodProvider');
  return value;
}
