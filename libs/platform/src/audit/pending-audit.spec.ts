import type { MikroORM } from '@mikro-orm/core';
import { OPERATOR } from '../auth/principal';
import { AuditLog } from './audit-log';
import { PendingAudit } from './pending-audit';

// Building a row reads nothing from the database.
const log = new AuditLog({} as MikroORM, 'metering');

const pendingFor = (stream: boolean) =>
  new PendingAudit(
    { rpc: 'x.v1.S/Change', principal: OPERATOR, details: '{"n":1}', stream },
    { id: 't1', path: '/t1/' },
    log,
    async () => '/t1/',
  );

describe('PendingAudit with transactions in flight at once', () => {
  it("numbers a stream's rows in claim order while earlier ones still commit", () => {
    const pending = pendingFor(true);
    const [a, b, c] = [{}, {}, {}];
    expect(pending.claim(a)?.details).toBe('{"stream":true,"commit":1}');
    expect(pending.claim(b)?.details).toBe('{"stream":true,"commit":2}');
    pending.settle(a, true);
    expect(pending.claim(c)?.details).toBe('{"stream":true,"commit":3}');
    pending.settle(b, true);
    pending.settle(c, false);
    expect(pending.finish('INTERNAL')?.details).toBe('{"stream":true,"commits":2}');
  });

  it('gives a unary call one row: none while its holder is in flight, again once it failed', () => {
    const pending = pendingFor(false);
    const [a, b, c] = [{}, {}, {}];
    expect(pending.claim(a)?.details).toBe('{"n":1}');
    expect(pending.claim(b)).toBeUndefined();
    pending.settle(b, true);
    pending.settle(a, false);
    expect(pending.claim(c)?.details).toBe('{"n":1}');
    pending.settle(c, true);
    expect(pending.claim({})).toBeUndefined();
    expect(pending.finish('OK')).toBeUndefined();
  });
});
