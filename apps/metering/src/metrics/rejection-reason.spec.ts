import { rejectionReason } from './rejection-reason';

describe('rejectionReason', () => {
  test.each([
    ['tenant: unknown tenant "nobody"', 'unknown_tenant'],
    ['meter_code: unknown meter "no.such"', 'unknown_meter'],
    ['quantity: must not be negative', 'invalid_quantity'],
    ['quantity: not a decimal number: "1e5"', 'invalid_quantity'],
    ['timestamp: must be between 2000 and 2200', 'invalid_timestamp'],
    ['timestamp: is in the future', 'future_timestamp'],
    ['tenant: tenant "t1" is closed', 'tenant_closed'],
    ['id: is required', 'other'],
    ['resource_id: is required for a TIME_WEIGHTED meter', 'other'],
  ])('%s → %s', (message, reason) => {
    expect(rejectionReason(message)).toBe(reason);
  });
});
