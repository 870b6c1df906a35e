import { Dec } from '@cascade/money';
import { conflictReason, differingFields, EventPayload } from './conflict';

const first: EventPayload = {
  tenantId: 't1',
  meterCode: 'm',
  quantity: new Dec('1.5'),
  timestamp: Date.UTC(2026, 2, 1),
  resourceId: 'vm-1',
  properties: { a: '1', b: '2' },
};

describe('a resend of a recorded id', () => {
  it('is a plain duplicate when it says the same, whatever the spelling of numbers or the order of properties', () => {
    expect(
      differingFields(first, {
        ...first,
        quantity: new Dec('1.50'),
        properties: { b: '2', a: '1' },
      }),
    ).toEqual([]);
  });

  it('names every field it changes', () => {
    expect(
      differingFields(first, {
        ...first,
        tenantId: 't2',
        quantity: new Dec('2'),
        timestamp: first.timestamp + 1,
        properties: { a: '1' },
      }),
    ).toEqual(['tenant', 'quantity', 'timestamp', 'properties']);
    expect(differingFields(first, { ...first, meterCode: 'n', resourceId: '' })).toEqual([
      'meter_code',
      'resource_id',
    ]);
  });

  it('says why it is not counted', () => {
    expect(conflictReason('e1', ['quantity', 'timestamp'])).toBe(
      'id: "e1" was recorded before with a different quantity, timestamp; the first stays counted',
    );
  });
});
