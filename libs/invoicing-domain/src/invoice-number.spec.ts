import { formatInvoiceNumber } from './invoice-number';

describe('formatInvoiceNumber', () => {
  it.each<[string, bigint | number, string]>([
    ['ACME', 1, 'INV-ACME-000001'],
    ['ACME', 42n, 'INV-ACME-000042'],
    ['acme-eu', 999999, 'INV-acme-eu-999999'],
    ['ACME', 1234567n, 'INV-ACME-1234567'],
    ['ACME', 12345678901234567890n, 'INV-ACME-12345678901234567890'],
  ])('%s #%s → %s', (seller, sequence, expected) => {
    expect(formatInvoiceNumber(seller, sequence)).toBe(expected);
  });

  it.each<[string, bigint | number]>([
    ['', 1],
    ['AC ME', 1],
    ['ACME', 0],
    ['ACME', -1n],
    ['ACME', 1.5],
    ['ACME', Number.MAX_SAFE_INTEGER + 1],
  ])('rejects seller %j sequence %s', (seller, sequence) => {
    expect(() => formatInvoiceNumber(seller, sequence)).toThrow(RangeError);
  });
});
