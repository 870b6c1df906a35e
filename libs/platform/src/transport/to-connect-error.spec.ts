import { Code } from '@connectrpc/connect';
import { DriverException } from '@mikro-orm/core';
import { KnexTimeoutError } from 'knex';
import { AppError } from '../errors';
import { toConnectError } from './to-connect-error';

describe('toConnectError', () => {
  it.each([
    ['from knex', (e: Error) => e],
    ['rewrapped by MikroORM', (e: Error) => new DriverException(e)],
  ])('answers UNAVAILABLE when no pooled connection came free in time (%s)', (_, wrap) => {
    const timeout = new KnexTimeoutError(
      'Knex: Timeout acquiring a connection. The pool is probably full.',
    );
    const error = toConnectError(wrap(timeout));
    expect([error.code, error.rawMessage]).toEqual([
      Code.Unavailable,
      'database busy: no connection came free in time',
    ]);
  });

  it('answers UNAVAILABLE when the database refuses connections', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(toConnectError(refused).code).toBe(Code.Unavailable);
  });

  it('keeps the kind of an application error and hides anything else as INTERNAL', () => {
    expect(toConnectError(new AppError('NOT_FOUND', 'tenant_id: no such tenant')).code).toBe(
      Code.NotFound,
    );
    const hidden = toConnectError(new TypeError('x is undefined'));
    expect([hidden.code, hidden.rawMessage]).toEqual([Code.Internal, 'internal error']);
  });
});
