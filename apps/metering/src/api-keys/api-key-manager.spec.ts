import { MikroORM } from '@mikro-orm/core';
import { createHash } from 'node:crypto';
import {
  formatApiKey,
  OPERATOR,
  openDatabase,
  parseApiKey,
  Principal,
  TenantScope,
} from '@cascade/platform';
import { describeEachDatabase } from '@cascade/platform/testing';
import { LocalTenantResolver } from '../access/local-resolvers';
import { ApiKeyRepository } from '../persistence/api-key.repository';
import { meteringDatabase } from '../persistence/metering-database';
import { TenantRow } from '../persistence/tenant.entity';
import { TenantRepository } from '../persistence/tenant.repository';
import { ApiKeyManager } from './api-key-manager';

function tenant(id: string, parent: TenantRow | null): TenantRow {
  return {
    id,
    parentId: parent?.id ?? null,
    externalRef: `ext-${id}`,
    name: id,
    kind: 'RESELLER',
    currency: 'USD',
    status: 'ACTIVE',
    path: `${parent?.path ?? '/'}${id}/`,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    closedAt: null,
  };
}

describeEachDatabase('API keys', (db) => {
  let orm: MikroORM;
  let keys: ApiKeyManager;
  let tenants: TenantRepository;

  beforeAll(async () => {
    orm = await openDatabase(meteringDatabase, db().env);
    tenants = new TenantRepository(orm);
    keys = new ApiKeyManager(
      new ApiKeyRepository(orm),
      tenants,
      new TenantScope(new LocalTenantResolver(tenants)),
    );
    const root = tenant('root', null);
    const a = tenant('a', root);
    for (const t of [root, a, tenant('b', root), tenant('a1', a)])
      await tenants.insert(tenants.em(), t);
  });

  afterAll(async () => {
    await orm.close();
    await db().drop(['metering']);
  });

  it('authenticates a new key as its tenant, role and current path', async () => {
    const { token, key } = await keys.create(OPERATOR, {
      tenantId: 'a',
      role: 'VIEWER',
      name: 'ro',
    });
    expect(token).toBe(formatApiKey(key.id, (parseApiKey(token) as { secret: string }).secret));
    expect(key).toMatchObject({ tenantId: 'a', role: 'VIEWER', name: 'ro', createdBy: 'operator' });
    await expect(keys.authenticate(token)).resolves.toEqual({
      kind: 'key',
      keyId: key.id,
      tenantId: 'a',
      role: 'VIEWER',
      path: '/root/a/',
    });
  });

  it('stores only the sha256 of the secret', async () => {
    const { token, key } = await keys.create(OPERATOR, { tenantId: 'b', role: 'ADMIN', name: '' });
    const secret = (parseApiKey(token) as { secret: string }).secret;
    const rows = await orm.em
      .fork()
      .getConnection()
      .execute<{ secret_hash: string }[]>('select secret_hash from api_key where id = ?', [key.id]);
    expect(rows).toEqual([{ secret_hash: createHash('sha256').update(secret).digest('hex') }]);
    const stored = JSON.stringify(
      await orm.em.fork().getConnection().execute('select * from api_key'),
    );
    expect(stored).not.toContain(secret);
  });

  it('refuses a wrong secret, an unknown id and anything not shaped like a key', async () => {
    const { token, key } = await keys.create(OPERATOR, { tenantId: 'a', role: 'ADMIN', name: '' });
    const secret = (parseApiKey(token) as { secret: string }).secret;
    const flipped = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    await expect(keys.authenticate(formatApiKey(key.id, flipped))).resolves.toBeUndefined();
    await expect(
      keys.authenticate(formatApiKey('00000000-0000-4000-8000-000000000000', secret)),
    ).resolves.toBeUndefined();
    await expect(keys.authenticate('not-a-key')).resolves.toBeUndefined();
  });

  it('revokes at once, idempotently, and lists revoked keys only when asked', async () => {
    const { token, key } = await keys.create(OPERATOR, {
      tenantId: 'a1',
      role: 'INGEST',
      name: 'x',
    });
    const revoked = await keys.revoke(OPERATOR, key.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expect(keys.authenticate(token)).resolves.toBeUndefined();
    const again = await keys.revoke(OPERATOR, key.id);
    expect(again.revokedAt?.getTime()).toBe(revoked.revokedAt?.getTime());
    expect((await keys.list('a1', false)).map((k) => k.id)).toEqual([]);
    expect((await keys.list('a1', true)).map((k) => k.id)).toEqual([key.id]);
  });

  it('lets a key revoke only keys of its own subtree; others are not found', async () => {
    const { key: below } = await keys.create(OPERATOR, {
      tenantId: 'a1',
      role: 'VIEWER',
      name: '',
    });
    const { key: sibling } = await keys.create(OPERATOR, {
      tenantId: 'b',
      role: 'VIEWER',
      name: '',
    });
    const admin: Principal = {
      kind: 'key',
      keyId: 'k',
      tenantId: 'a',
      role: 'ADMIN',
      path: '/root/a/',
    };
    await expect(keys.revoke(admin, sibling.id)).rejects.toMatchObject({
      kind: 'NOT_FOUND',
      message: `api key ${JSON.stringify(sibling.id)} not found`,
    });
    await expect(keys.revoke(admin, 'nope')).rejects.toMatchObject({
      kind: 'NOT_FOUND',
      message: 'api key "nope" not found',
    });
    await expect(keys.revoke(admin, below.id)).resolves.toMatchObject({ id: below.id });
  });

  it('names who created a key', async () => {
    const creator: Principal = {
      kind: 'key',
      keyId: 'k9',
      tenantId: 'a',
      role: 'ADMIN',
      path: '/root/a/',
    };
    const { key } = await keys.create(creator, { tenantId: 'a1', role: 'VIEWER', name: '' });
    expect(key.createdBy).toBe('k9');
  });
});
