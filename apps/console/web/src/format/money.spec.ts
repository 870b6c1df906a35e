import { money, quantity } from './money';
import { lastMonth, monthPeriod } from './period';

describe('money in the console', () => {
  it.each([
    ['15.41875', 'USD', '15.42 USD'],
    ['1234567.005', 'USD', '1,234,567.01 USD'],
    ['1200.5', 'JPY', '1,201 JPY'],
    ['0.1235', 'BHD', '0.124 BHD'],
    ['-2.5', 'USD', '-2.50 USD'],
    ['0', 'JPY', '0 JPY'],
    // Past what a double holds: the digits survive.
    ['90071992547409931.15', 'USD', '90,071,992,547,409,931.15 USD'],
  ])('%s %s reads %s', (amount, currency, text) => {
    expect(money(amount, currency)).toBe(text);
  });

  it('shows what it cannot read as it came, never as a wrong number', () => {
    expect(money('', 'USD')).toBe('—');
    expect(money('1e3', 'USD')).toBe('1e3 USD');
    expect(money('12.5', 'XXX')).toBe('12.5 XXX');
  });

  it('keeps every digit of a quantity', () => {
    expect(quantity('1233.5000001', 'vCPU-h')).toBe('1,233.5000001 vCPU-h');
    expect(quantity('160')).toBe('160');
  });
});

describe('periods', () => {
  it('reads a month in UTC', () => {
    expect(monthPeriod('2026-10')).toEqual({
      start: new Date('2026-10-01T00:00:00Z'),
      end: new Date('2026-11-01T00:00:00Z'),
    });
    expect(monthPeriod('2026-12')?.end).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect([monthPeriod('2026-13'), monthPeriod('2026-1'), monthPeriod('')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('starts at the last closed month', () => {
    expect(lastMonth(new Date('2026-12-02T06:00:00Z'))).toBe('2026-11');
    expect(lastMonth(new Date('2027-01-01T00:00:00Z'))).toBe('2026-12');
  });
});
