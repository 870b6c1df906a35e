import { EntityManager, MikroORM } from '@mikro-orm/core';
import { openDatabase } from '../database/open-database';
import { describeEachDatabase } from '../testing/each-database';
import { OPERATOR } from '../auth/principal';
import { RequestState, runInRequest } from '../auth/request-context';
import { AuditLog } from './audit-log';
import { AuditEntity } from './audit.entity';
import { PendingAudit } from './pending-audit';

const RPC = 'x.v1.S/Change';

describeEachDatabase('an audit event commits with the change it records', (db) => {
  let orm: MikroORM;
  let audit: AuditLog;

  const sql = (text: string, params: unknown[] = [], em: EntityManager = orm.em.fork()) =>
    em.getConnection().execute(text, params, 'all', em.getTransactionContext());
  const things = async () =>
    ((await sql('select id from thing order by id')) as { id: string }[]).map((r) => r.id);
  const events = async () =>
    (
      (await sql('select rpc, tenant_id, outcome, details from audit_event order by seq')) as {
        rpc: string;
        tenant_id: string;
        outcome: string;
        details: string;
      }[]
    ).map((r) => [r.rpc, r.tenant_id, r.outcome, r.details]);

  /** A changing call: its request state, with the event waiting for a transaction. */
  const call = (details: string, stream = false) => {
    const pending = new PendingAudit(
      { rpc: RPC, principal: OPERATOR, details, stream },
      { id: 't1', path: '/t1/' },
      audit,
      async () => '',
    );
    const state: RequestState = { principal: OPERATOR, audit: pending };
    return { state, pending };
  };
  /** One transaction of the call: inserts a thing, then runs `then` before committing. */
  const change = (state: RequestState | undefined, id: string, then?: () => void) => {
    const write = () =>
      orm.em.fork().transactional(async (em) => {
        await sql('insert into thing (id) values (?)', [id], em);
        then?.();
      });
    return state ? runInRequest(state, write) : write();
  };

  beforeAll(async () => {
    orm = await openDatabase({ service: 'atomic', entities: [], migrations: [] }, db().env);
    audit = new AuditLog(orm, 'atomic');
    await sql('create table thing (id varchar(16) primary key)');
    // The database refuses an OK event whose details say "refuse": the commit hook's insert fails.
    if (db().name === 'postgres') {
      await sql(`create function refuse_event() returns trigger language plpgsql as $$
        begin raise exception 'audit event refused'; end $$`);
      await sql(`create trigger refuse_event before insert on audit_event for each row
        when (new.outcome = 'OK' and new.details = 'refuse') execute function refuse_event()`);
    } else {
      await sql(`create trigger refuse_event before insert on audit_event
        when new.outcome = 'OK' and new.details = 'refuse'
        begin select raise(abort, 'audit event refused'); end`);
    }
  });

  beforeEach(async () => {
    await sql('delete from thing');
    await sql('delete from audit_event');
  });

  afterAll(async () => {
    await orm.close();
    await db().drop(['atomic']);
  });

  it("the call's first commit carries its event; later commits carry nothing", async () => {
    const { state, pending } = call('{"a":1}');
    await change(state, 'a');
    await change(state, 'b');
    expect(pending.finish('OK')).toBeUndefined();
    expect(await things()).toEqual(['a', 'b']);
    expect(await events()).toEqual([[RPC, 't1', 'OK', '{"a":1}']]);
  });

  it('an event the database refuses takes its change with it, and leaves a failure to write', async () => {
    const { state, pending } = call('refuse');
    await expect(change(state, 'c')).rejects.toThrow('audit event refused');
    expect(await things()).toEqual([]);
    expect(await events()).toEqual([]);
    expect(pending.finish('INTERNAL')).toMatchObject({
      rpc: RPC,
      tenantId: 't1',
      tenantPath: '/t1/',
      outcome: 'INTERNAL',
      details: 'refuse',
    });
  });

  it('a change that fails in its transaction leaves no event; the next commit carries it', async () => {
    const { state, pending } = call('{"d":1}');
    const fail = () => {
      throw new Error('changed its mind');
    };
    await expect(change(state, 'd', fail)).rejects.toThrow('changed its mind');
    expect(await events()).toEqual([]);
    await change(state, 'e');
    expect(pending.finish('OK')).toBeUndefined();
    expect(await things()).toEqual(['e']);
    expect(await events()).toEqual([[RPC, 't1', 'OK', '{"d":1}']]);
  });

  it('a call that fails after a commit is left to write a second row, with its code', async () => {
    const { state, pending } = call('{"f":1}');
    await change(state, 'f');
    expect(pending.finish('FAILED_PRECONDITION')).toMatchObject({
      outcome: 'FAILED_PRECONDITION',
      details: '{"f":1}',
    });
    expect(await events()).toEqual([[RPC, 't1', 'OK', '{"f":1}']]);
  });

  it('in a stream, each commit carries a row of its own', async () => {
    const { state, pending } = call('{"stream":true}', true);
    await change(state, 'g');
    await change(state, 'h');
    expect(pending.finish('CANCELLED')).toMatchObject({
      outcome: 'CANCELLED',
      details: '{"stream":true,"commits":2}',
    });
    expect(await events()).toEqual([
      [RPC, 't1', 'OK', '{"stream":true,"commit":1}'],
      [RPC, 't1', 'OK', '{"stream":true,"commit":2}'],
    ]);
  });

  it("a flush's implicit transaction carries it too, or fails with it", async () => {
    const flush = (state: RequestState) =>
      runInRequest(state, async () => {
        const em = orm.em.fork();
        const own = { rpc: 'x.v1.S/Own', principal: OPERATOR, tenantId: '', tenantPath: '' };
        em.create(AuditEntity, audit.row({ ...own, outcome: 'SELF', details: '{}' }));
        await em.flush();
      });
    await expect(flush(call('refuse').state)).rejects.toThrow('audit event refused');
    expect(await events()).toEqual([]);
    await flush(call('{"i":1}').state);
    expect(await events()).toEqual([
      ['x.v1.S/Own', '', 'SELF', '{}'],
      [RPC, 't1', 'OK', '{"i":1}'],
    ]);
  });

  it('nothing is carried outside a call, or once the call ended', async () => {
    const { state, pending } = call('{"k":1}');
    await change(undefined, 'k');
    pending.finish('OK');
    await change(state, 'l');
    expect(await things()).toEqual(['k', 'l']);
    expect(await events()).toEqual([]);
  });
});
