// ImportTenants through the public API, on SQLite and PostgreSQL: a tree in
// one all-or-nothing batch, parents by external_ref (stored or earlier in the
// batch), every bad row named, identical rows unchanged, validate_only, and
// 10,000 tenants in seconds.
import { TenantKind, TenantService } from '@cascade/contracts';
import { BACKENDS, Cascade, ConnectClients, startCascade } from '../support';

const row = (externalRef: string, parentExternalRef: string, currency = 'USD') => ({
  externalRef,
  parentExternalRef,
  name: externalRef.toUpperCase(),
  kind: parentExternalRef ? TenantKind.CUSTOMER : TenantKind.PROVIDER,
  currency,
});

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`ImportTenants on ${label}`, () => {
    let cascade: Cascade;
    let operator: ConnectClients;
    const tenants = () => operator.client('metering', TenantService);
    const everyRef = async () => {
      const refs: string[] = [];
      let pageToken = '';
      do {
        const page = await tenants().listTenants({ recursive: true, pageSize: 1000, pageToken });
        refs.push(...page.tenants.map((t) => t.externalRef));
        pageToken = page.nextPageToken;
      } while (pageToken);
      return refs.sort();
    };

    beforeAll(async () => {
      cascade = await startCascade({ database, services: ['metering'] });
      operator = new ConnectClients(cascade.urls);
      await tenants().createTenant({
        externalRef: 'stored-root',
        name: 'Stored',
        kind: TenantKind.PROVIDER,
        currency: 'USD',
      });
    }, 120_000);

    afterAll(async () => {
      operator?.close();
      await cascade?.stop();
    }, 60_000);

    test('a tree in one batch: parents stored or earlier in it; sent again, nothing changes', async () => {
      const batch = [row('imp-r', 'stored-root'), row('imp-c1', 'imp-r'), row('imp-c2', 'imp-r')];
      const first = await tenants().importTenants({ tenants: batch });
      expect([first.created, first.unchanged]).toEqual([3, 0]);
      const [r, c1, c2] = first.tenants;
      const root = await tenants().getTenant({ externalRef: 'stored-root' });
      expect(first.tenants.map((t) => [t.externalRef, t.parentId, t.path])).toEqual([
        ['imp-r', root.id, [root.id, r.id]],
        ['imp-c1', r.id, [root.id, r.id, c1.id]],
        ['imp-c2', r.id, [root.id, r.id, c2.id]],
      ]);
      const again = await tenants().importTenants({ tenants: [...batch, row('imp-c3', 'imp-c2')] });
      expect([again.created, again.unchanged]).toEqual([1, 3]);
      expect(again.tenants.slice(0, 3).map((t) => t.id)).toEqual([r.id, c1.id, c2.id]);
      expect(await everyRef()).toEqual(['imp-c1', 'imp-c2', 'imp-c3', 'imp-r', 'stored-root']);
    });

    test('every bad row is named, joined by "; ", and nothing is written', async () => {
      const before = await everyRef();
      const refused = await operator.call('metering', TenantService.method.importTenants, {
        tenants: [
          row('bad-ok', 'stored-root'),
          { ...row('', 'stored-root'), name: '' },
          row('bad-orphan', 'nowhere'),
          row('bad-later-parent', 'bad-child'),
          row('bad-child', 'bad-ok', 'EUR'),
          row('bad-ok', 'stored-root'),
          { ...row('imp-r', 'stored-root'), name: 'Renamed' },
          { ...row('bad-kind', 'stored-root'), kind: TenantKind.UNSPECIFIED, currency: 'XXX' },
        ],
      });
      expect([refused.code, refused.message]).toEqual([
        'INVALID_ARGUMENT',
        [
          'tenants[1].external_ref: is required',
          'tenants[1].name: is required',
          'tenants[2].parent_external_ref: no tenant "nowhere" is stored or in an earlier row',
          'tenants[3].parent_external_ref: no tenant "bad-child" is stored or in an earlier row',
          "tenants[4].currency: EUR is not its parent's currency USD; a seller sells only in its own currency",
          'tenants[5].external_ref: "bad-ok" repeats tenants[0]',
          'tenants[6].external_ref: "imp-r" is already used by a tenant with another name',
          'tenants[7].kind: must be PROVIDER, DISTRIBUTOR, RESELLER or CUSTOMER',
          'tenants[7].currency: unknown ISO 4217 currency code "XXX"',
        ].join('; '),
      ]);
      expect(await everyRef()).toEqual(before);
    });

    test('validate_only answers as if imported and writes nothing', async () => {
      const before = await everyRef();
      const answer = await tenants().importTenants({
        tenants: [row('dry-r', 'stored-root'), row('dry-c', 'dry-r')],
        validateOnly: true,
      });
      expect([answer.created, answer.unchanged, answer.tenants.map((t) => t.externalRef)]).toEqual([
        2,
        0,
        ['dry-r', 'dry-c'],
      ]);
      expect(answer.tenants[1].parentId).toBe(answer.tenants[0].id);
      expect(await everyRef()).toEqual(before);
    });

    test('10,000 tenants in one batch take seconds', async () => {
      const batch = [row('big-root', '')];
      for (let r = 0; r < 99; r += 1) {
        batch.push({ ...row(`big-r${r}`, 'big-root'), kind: TenantKind.RESELLER });
        for (let c = 0; c < 100; c += 1) batch.push(row(`big-r${r}-c${c}`, `big-r${r}`));
      }
      expect(batch.length).toBe(10_000);
      const started = Date.now();
      const answer = await tenants().importTenants({ tenants: batch });
      const seconds = (Date.now() - started) / 1000;
      expect([answer.created, answer.unchanged]).toEqual([10_000, 0]);
      const last = await tenants().getTenant({ externalRef: 'big-r98-c99' });
      expect(last.path).toEqual([answer.tenants[0].id, answer.tenants[9899].id, last.id]);
      process.stdout.write(`ImportTenants of 10,000 on ${label}: ${seconds} s\n`);
      expect(seconds).toBeLessThan(20);
    }, 60_000);
  });
}
