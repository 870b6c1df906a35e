import { Dec } from '@cascade/money';
import { UsageLineInput } from '../invoice-draft';
import { FeeLine } from '../plan-span';
import { utc } from './fixtures';

export function feeLine(amount: string, description = 'Subscription fee'): FeeLine {
  return {
    planId: 'plan',
    version: 1,
    from: utc('2026-08-01'),
    to: utc('2026-09-01'),
    preciseAmount: new Dec(amount),
    periodFee: new Dec(amount),
    description,
  };
}

export function usageLine(meterCode: string, quantity: string, amount: string): UsageLineInput {
  return {
    meterCode,
    quantity: new Dec(quantity),
    amount: new Dec(amount),
    tiers: [],
    planId: 'plan',
    planVersion: 1,
    from: utc('2026-08-01'),
    to: utc('2026-09-01'),
  };
}
