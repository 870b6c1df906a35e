import { MikroORM } from '@mikro-orm/core';
import { openDatabase } from '../database/open-database';
import { describeEachDatabase } from '../testing/each-database';
import { KeyPrincipal } from '../auth/principal';
import { AuditLog } from './audit-log';

const key: KeyPrincipal = {
  kind: 'key',
  keyId: 'k1',
  tenantId: 'a',
  role: 'ADMIN',
  path: '/root/a/',
};

describeEachDatabase('audit log', (db) => {
  let orm: MikroORM;
  let audit: AuditLog;

  beforeAll(async () => {
    orm = await openDatabase({ service: 'audited', entities: [], migrations: [] }, db().env);
    audit = new AuditLog(orm, 'audited');
    const entry = { rpc: 'x.v1.S/M', tenantId: 'a1', outcome: 'OK', details: '{}' };
    await audit.record({ ...entry, principal: key, tenantPath: '/root/a/a1/' });
    await audit.record({
      ...entry,
      principal: { kind: 'service', onBehalfOf: key },
      tenantPath: '/root/a/a1/',
    });
    await audit.record({ ...entry, principal: { kind: 'operator' }, tenantPath: '/root/b/' });
    await audit.record({ ...entry, principal: { kind: 'service' }, tenantPath: '' });
  });

  afterAll(async () => {
    await orm.close();
    await db().drop(['audited']);
  });

  it('names the caller a service acted for, and says it came through a service', async () => {
    const rows = await audit.list({ pathPrefix: '', pageSize: 10 });
    expect(rows.map((r) => [r.actorKind, r.actorKeyId, r.actorRole, r.viaService])).toEqual([
      ['service', '', '', ''],
      ['operator', '', 'ADMIN', ''],
      ['api_key', 'k1', 'ADMIN', 'service'],
      ['api_key', 'k1', 'ADMIN', ''],
    ]);
  });

  it('selects a subtree by path prefix, never the installation-wide events', async () => {
    const rows = await audit.list({ pathPrefix: '/root/a/', pageSize: 10 });
    expect(rows.map((r) => r.tenantPath)).toEqual(['/root/a/a1/', '/root/a/a1/']);
    expect(await audit.list({ pathPrefix: '/root/', pageSize: 10 })).toHaveLength(3);
  });

  it('pages by sequence, newest first', async () => {
    const [first, second] = await audit.list({ pathPrefix: '', pageSize: 2 });
    const rest = await audit.list({ pathPrefix: '', pageSize: 10, before: second.seq });
    expect(first.seq).toBeGreaterThan(second.seq as number);
    expect(rest).toHaveLength(2);
    expect(rest.every((r) => (r.seq as number) < (second.seq as number))).toBe(true);
  });
});
