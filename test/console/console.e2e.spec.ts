// The reseller console in a real browser (Debian's Chromium via playwright-core)
// against the real services and the console server: sign-in and sessions,
// isolation between siblings, a customer's view, explanations, plan errors on
// their field, keys, the invoice lifecycle, usage, audit and billing runs.
// Every page visited passes axe-core with no serious or critical violation and
// leaves a screenshot in test-artifacts/console/. SQLite: the console stores nothing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { InvoiceService } from '@cascade/contracts';
import { ConnectClients, startCascade, type Cascade } from '../support';
import { launchChromium, newContext, screenshot, seriousViolations } from './browser';
import { startConsole, type ConsoleServer } from './console-process';
import { NOVEMBER, seedConsoleWorld, type ConsoleWorld } from './console-seed';

jest.setTimeout(120_000);

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'console');

describe('the reseller console in Chromium', () => {
  let cascade: Cascade;
  let server: ConsoleServer;
  let world: ConsoleWorld;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    cascade = await startCascade({ database: 'sqlite' });
    [server, world, browser] = await Promise.all([
      startConsole(cascade),
      seedConsoleWorld(cascade),
      launchChromium(),
    ]);
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.stop();
    await cascade?.stop();
  }, 60_000);

  async function open(width: 1280 | 390 = 1280): Promise<Page> {
    const context = await newContext(browser, width);
    contexts.push(context);
    return context.newPage();
  }

  /** Opens a page of the console on October 2026, the seeded period. */
  function go(page: Page, path: string) {
    return page.goto(`${server.url}${path}?period=2026-10`);
  }

  async function signIn(page: Page, key: string, path = '/'): Promise<void> {
    await go(page, path);
    await page.getByLabel('API key or operator token').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  /** Waits for the page to settle on `text`, checks it with axe-core and saves what it shows. */
  async function look(page: Page, text: string | RegExp, name: string): Promise<void> {
    await page.getByText(text).first().waitFor();
    await page.locator('[role="status"].loading').first().waitFor({ state: 'detached' });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, name);
  }

  test('the operator signs in with the token, sees every tree and signs out', async () => {
    const page = await open();
    await page.goto(server.url);
    await look(page, 'Sign in to the Cascade console', 'sign-in');
    await signIn(page, cascade.adminToken);
    await look(page, 'Acme Cloud', 'operator-trees');
    expect(await page.getByTestId('who').textContent()).toBe('Operator');
    await page.getByRole('link', { name: 'Acme Cloud' }).click();
    await page.getByRole('link', { name: 'Northwind Distribution' }).click();
    await look(page, 'Green Reseller', 'operator-distributor');
    expect(await page.locator('.crumbs li').allTextContents()).toEqual([
      'Acme Cloud (Provider)',
      'Northwind Distribution (Distributor)',
    ]);
    // One SummarizeTree call: each child's whole subtree for the month.
    expect(
      await page
        .getByRole('region', { name: 'Usage per child' })
        .locator('tbody tr')
        .allInnerTexts(),
    ).toEqual(['Blue Reseller\t160 vCPU-h', 'Green Reseller\t75 vCPU-h']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key or operator token').waitFor();
    // The cookie is gone with the session: a reload stays signed out.
    await page.reload();
    await page.getByLabel('API key or operator token').waitFor();
  });

  test('a wrong key is refused at sign-in, and the key never reaches the page', async () => {
    const page = await open();
    await page.goto(server.url);
    await page.getByLabel('API key or operator token').fill('cascade.nope.nope');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('key: unknown or revoked').waitFor();
    await signIn(page, world.keys.blueAdmin);
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([
      ['cascade_session', true, 'Strict'],
    ]);
    expect(cookies[0].value).not.toContain(world.keys.blueAdmin);
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored).toBe('{}');
  });

  test('the server forwards only same-origin calls of a live session carrying its CSRF token', async () => {
    const origin = server.url;
    const call = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/cascade.metering.v1.TenantService/GetTenant`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'connect-protocol-version': '1',
          ...headers,
        },
        body: JSON.stringify({ id: world.tenants.blue.id }),
      });
    const answer = async (r: Response) => [r.status, await r.json()];
    expect(await answer(await call({ origin }))).toEqual([
      401,
      { code: 'unauthenticated', message: 'session: signed out or expired' },
    ]);
    const signInFrom = (from: string) =>
      fetch(`${server.url}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: from },
        body: JSON.stringify({ key: world.keys.blueAdmin }),
      });
    expect(await answer(await signInFrom('http://evil.example'))).toEqual([
      403,
      { message: 'origin: not this console' },
    ]);
    const signedIn = await signInFrom(origin);
    expect(signedIn.status).toBe(201);
    const setCookie = signedIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^cascade_session=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; Expires=.+; HttpOnly; SameSite=Strict$/,
    );
    const cookie = setCookie.split(';')[0];
    const { csrfToken, principal } = (await signedIn.json()) as {
      csrfToken: string;
      principal: unknown;
    };
    expect(principal).toEqual({
      kind: 'key',
      tenantId: world.tenants.blue.id,
      role: 'ADMIN',
      path: world.tenants.blue.path,
      keyId: world.keys.blueAdmin.split('.')[1],
    });
    expect(await answer(await call({ origin, cookie }))).toEqual([
      403,
      { code: 'permission_denied', message: 'x-csrf-token: missing or wrong' },
    ]);
    expect(
      await answer(
        await call({ origin: 'http://evil.example', cookie, 'x-csrf-token': csrfToken }),
      ),
    ).toEqual([403, { code: 'permission_denied', message: 'origin: not this console' }]);
    const ok = await call({
      origin,
      cookie,
      'x-csrf-token': csrfToken,
      authorization: 'Bearer forged',
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { name: string }).name).toBe('Blue Reseller');
    // The services' isolation applies unchanged behind the console.
    const sibling = await fetch(`${server.url}/api/cascade.metering.v1.TenantService/GetTenant`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ id: world.tenants.green.id }),
    });
    expect(await answer(sibling)).toEqual([
      404,
      { code: 'not_found', message: `tenant "${world.tenants.green.id}" not found` },
    ]);
    const signOut = await fetch(`${server.url}/session`, {
      method: 'DELETE',
      headers: { origin, cookie },
    });
    expect(signOut.status).toBe(204);
    expect((await call({ origin, cookie, 'x-csrf-token': csrfToken })).status).toBe(401);
  });

  test('a reseller sees its subtree and nothing of its sibling', async () => {
    const page = await open();
    const { blue, cobalt, green } = world.tenants;
    await signIn(page, world.keys.blueAdmin);
    await look(page, 'Cobalt Customer', 'reseller-tree');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Blue Reseller');
    expect(await page.locator('.crumbs li').allTextContents()).toEqual([
      'Blue Reseller (Reseller)',
    ]);
    expect(await page.getByRole('region', { name: 'Children' }).locator('tbody tr').count()).toBe(
      1,
    );
    await page.getByLabel('Find a tenant by external ref').fill('jade');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText('Search: Not found: tenant').waitFor();
    await go(page, `/tenants/${green.id}`);
    await look(
      page,
      `Tenant: Not found: tenant "${green.id}" not found`,
      'reseller-sibling-tenant',
    );
    await go(page, `/invoices/${world.invoices['green→jade'].id}`);
    await look(page, /^Invoice: Not found/, 'reseller-sibling-invoice');
    await go(page, `/tenants/${blue.id}/invoices`);
    await look(page, 'Cobalt Customer', 'reseller-invoices');
    const rows = await page
      .getByRole('region', { name: 'Invoices' })
      .locator('tbody tr')
      .allInnerTexts();
    expect(rows.map((r) => r.split('\t'))).toEqual([
      ['Draft', 'Cobalt Customer', '2026-10-01', 'Draft', '3.00 USD', '3.00 USD'],
    ]);
    expect(cobalt.parentId).toBe(blue.id);
  });

  test('a customer sees its invoices and never its seller’s cost', async () => {
    const page = await open();
    await signIn(page, world.keys.cobaltViewer);
    await page.getByRole('link', { name: 'Invoices' }).click();
    // A customer has no buyers: its invoices open on what it received.
    await look(page, '3.00 USD', 'customer-invoices');
    expect(await page.getByLabel('Which invoices').inputValue()).toBe('buyer');
    await page.getByRole('link', { name: 'Draft' }).first().click();
    await look(page, 'Invoice lines', 'customer-invoice');
    expect(await page.getByTestId('amount-due').textContent()).toBe('3.00 USD');
    // 150 vCPU-h × 0.02 from Blue; nothing of Blue's 0.015 from Northwind.
    expect(await page.locator('main').textContent()).not.toContain('0.015');
    expect(await page.getByRole('button', { name: 'Finalize' }).count()).toBe(0);
    await go(page, `/invoices/${world.invoices['northwind→blue'].id}`);
    await look(page, /^Invoice: Not found/, 'customer-seller-cost');
    await go(page, `/tenants/${world.tenants.blue.id}/margins`);
    await page.getByText('Not found').first().waitFor();
  });

  test('an invoice line is explained down to tenants and resources', async () => {
    const page = await open();
    await signIn(page, cascade.adminToken);
    await go(page, `/invoices/${world.invoices['northwind→blue'].id}`);
    await page.getByRole('link', { name: 'Explain line 1' }).click();
    await look(page, 'Contributions by resource', 'explain-line');
    expect(await page.getByTestId('explained-quantity').textContent()).toBe('160 vCPU-h');
    const table = (name: string) =>
      page.getByRole('region', { name }).locator('tbody tr').allInnerTexts();
    expect((await table('Contributions by tenant')).sort()).toEqual([
      'Blue Reseller (own use)\t10 vCPU-h',
      'Cobalt Customer\t150 vCPU-h',
    ]);
    expect((await table('Contributions by resource')).sort()).toEqual([
      'vm-blue-own\t10 vCPU-h',
      'vm-cobalt-1\t100 vCPU-h',
      'vm-cobalt-2\t50 vCPU-h',
    ]);
  });

  test('a plan with an invalid tier list shows the API’s error on the tiers field', async () => {
    const page = await open();
    await signIn(page, world.keys.blueAdmin);
    await page.getByRole('link', { name: 'Plans' }).click();
    await page.getByLabel('Code').fill('bad-tiers');
    await page.getByLabel('Name', { exact: true }).fill('Bad tiers');
    await page.getByLabel('Charge model').selectOption({ label: 'Graduated' });
    await page.getByLabel('Tier 1 Up to (empty: open)').fill('100');
    await page.getByLabel('Tier 1 Unit price').fill('0.03');
    await page.getByRole('button', { name: 'Add a tier' }).click();
    await page.getByLabel('Tier 2 Up to (empty: open)').fill('50');
    await page.getByLabel('Tier 2 Unit price').fill('0.02');
    await page.getByRole('button', { name: 'Add a tier' }).click();
    await page.getByLabel('Tier 3 Unit price').fill('0.01');
    await page.getByRole('button', { name: 'Create plan' }).click();
    const onField = page.locator('[data-field="charges[0].tiers"]');
    await onField.waitFor();
    expect(await onField.textContent()).toBe('charges[0].tiers: must be in increasing up_to order');
    await look(page, 'must be in increasing up_to order', 'plan-invalid-tiers');
    await page.getByLabel('Tier 2 Up to (empty: open)').fill('500');
    // Before saving: Cobalt's October (150 vCPU-h) under it is 100 × 0.03 + 50 × 0.02.
    await page.getByLabel('Buyer').selectOption({ label: 'Cobalt Customer' });
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview lines' }).locator('tbody tr');
    await preview.first().waitFor();
    expect(await preview.allInnerTexts()).toEqual(['compute.vcpu_hours\t150\t4.00 USD']);
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByText('Plan bad-tiers created (version 1).').waitFor();
    const plans = page.getByRole('region', { name: 'Plans' }).locator('tbody tr');
    await plans.nth(1).waitFor();
    expect((await plans.allInnerTexts()).map((r) => r.split('\t').slice(0, 2)).sort()).toEqual([
      ['bad-tiers', 'Bad tiers'],
      ['blue-retail', 'blue-retail'],
    ]);
  });

  test('a key is created, shown once, revoked, and then cannot sign in', async () => {
    const admin = await open();
    await signIn(admin, world.keys.blueAdmin);
    await admin.getByRole('link', { name: 'API keys' }).click();
    await admin.getByLabel('Name').fill('temporary viewer');
    await admin.getByLabel('Role').selectOption({ label: 'Viewer' });
    await admin.getByRole('button', { name: 'Create key' }).click();
    const secret = (await admin.getByTestId('new-secret').textContent()) ?? '';
    expect(secret).toMatch(/^cascade\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    await look(admin, 'it is shown this once', 'key-created');
    await admin.getByRole('button', { name: 'I have copied it' }).click();
    expect(await admin.getByTestId('new-secret').count()).toBe(0);
    expect(await admin.locator('main').textContent()).not.toContain(secret);

    const viewer = await open();
    await signIn(viewer, secret);
    await viewer.getByRole('heading', { name: 'Blue Reseller' }).waitFor();

    await admin.getByRole('button', { name: 'Revoke temporary viewer' }).click();
    await admin
      .getByRole('button', { name: 'Revoke temporary viewer' })
      .waitFor({ state: 'detached' });
    // The open session's next call is refused by the services: back to sign-in.
    await viewer.getByRole('link', { name: 'Invoices' }).click();
    await look(viewer, 'Your session ended: sign in again.', 'key-revoked-session');
    await viewer.getByLabel('API key or operator token').fill(secret);
    await viewer.getByRole('button', { name: 'Sign in' }).click();
    await viewer.getByText('key: unknown or revoked').waitFor();

    await admin.getByRole('link', { name: 'Audit log' }).click();
    await look(admin, 'RevokeApiKey', 'audit-log');
    const calls = await admin
      .getByRole('region', { name: 'Audit events' })
      .locator('tbody tr td:nth-child(2)')
      .allTextContents();
    expect(calls.slice(0, 2)).toEqual(['RevokeApiKey', 'CreateApiKey']);
  });

  test('usage per meter over time, margins and billing runs', async () => {
    const page = await open();
    await signIn(page, world.keys.blueAdmin);
    await page.getByRole('link', { name: 'Usage' }).click();
    await page.getByTestId('usage-total').waitFor();
    expect(await page.getByTestId('usage-total').textContent()).toBe('160 vCPU-h');
    await look(page, 'Usage split', 'usage-series');
    expect(
      (
        await page.getByRole('region', { name: 'Usage split' }).locator('tbody tr').allInnerTexts()
      ).sort(),
    ).toEqual(['Blue Reseller\t10 vCPU-h', 'Cobalt Customer\t150 vCPU-h']);
    await page.getByRole('link', { name: 'Margins' }).click();
    await page.getByTestId('margin').waitFor();
    // Revenue 150 × 0.02 = 3.00; cost 160 × 0.015 = 2.40.
    expect([
      await page.getByTestId('revenue').textContent(),
      await page.getByTestId('cost').textContent(),
      await page.getByTestId('margin').textContent(),
    ]).toEqual(['3.00 USD', '2.40 USD', '0.60 USD']);
    await look(page, "Every buyer's usage is priced.", 'margins');

    const operator = await open();
    await signIn(operator, cascade.adminToken);
    await operator.getByRole('link', { name: 'Billing runs' }).click();
    // Green bills Indigo nothing: the run's unpriced usage is an alert on the page.
    const unpriced = operator.getByRole('region', { name: 'Unpriced usage' }).locator('tbody tr');
    // Tenant names arrive after the rows, which show ids until then.
    await unpriced.filter({ hasText: 'Indigo Customer' }).waitFor();
    expect(await unpriced.allInnerTexts()).toEqual([
      'Green Reseller\tIndigo Customer\tcompute.vcpu_hours\t5 vCPU-h\tNo plan',
    ]);
    await operator.getByText('1 usage line(s) were billed without a price:').waitFor();
    await look(operator, 'Unpriced usage of the latest run', 'billing-runs');
    const runs = await operator
      .getByRole('region', { name: 'Billing runs' })
      .locator('tbody tr')
      .allInnerTexts();
    expect(runs.map((r) => r.split('\t').slice(0, 2))).toEqual([['2026-10-01', 'Succeeded']]);
    await operator.getByRole('button', { name: 'Bill 2026-10 for every tree' }).click();
    await operator.getByText(/^Succeeded: (\d+)( of \1)? edges, \d+ invoices written$/).waitFor();
  });

  test('the seller sets its invoice prefix and terms, finalizes, marks paid, credits and downloads the PDF; the operator voids one and discards a draft', async () => {
    const page = await open();
    await signIn(page, world.keys.blueAdmin);
    await page.getByRole('link', { name: 'Seller profile' }).click();
    await page.getByLabel('Invoice number prefix').fill('blue!');
    await page.getByRole('button', { name: 'Save profile' }).click();
    const onPrefix = page.locator('[data-field="profile.invoice_prefix"]');
    await onPrefix.waitFor();
    expect(await onPrefix.textContent()).toBe(
      'profile.invoice_prefix: must be 1 to 12 of A-Z, 0-9 and -, got "blue!"',
    );
    await page.getByLabel('Invoice number prefix').fill('BLUE');
    await page.getByLabel('Payment terms (days)').fill('14');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await look(page, 'Profile saved.', 'seller-profile');
    await go(page, `/invoices/${world.invoices['blue→cobalt'].id}`);
    await page.getByRole('button', { name: 'Finalize' }).click();
    await page.getByRole('button', { name: 'Mark paid' }).click();
    await page.locator('[data-testid="invoice-status"]', { hasText: /^Paid$/ }).waitFor();
    // A finalized invoice has its number now, with the seller's prefix.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Invoice BLUE-2026-000001',
    );
    await page.getByLabel('Amount').fill('1.00');
    await page.getByLabel('Reason').fill('goodwill');
    await page.getByRole('button', { name: 'Issue credit note' }).click();
    await look(page, 'goodwill', 'invoice-paid-credited');
    const notes = await page
      .getByRole('region', { name: 'Credit notes' })
      .locator('tbody tr td')
      .allTextContents();
    expect(notes.slice(1)).toEqual(['goodwill', '1.00 USD']);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('BLUE-2026-000001.pdf');
    const pdf = path.join(ARTIFACTS, 'BLUE-2026-000001.pdf');
    await download.saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Invoice BLUE-2026-000001\n');
    expect(text).toMatch(/Due\s+\d{4}-\d{2}-\d{2} \(net 14 days\)\n/);
    expect(text).toMatch(/Amount due \(USD\)\s+3\.00/);

    const operator = await open();
    await signIn(operator, cascade.adminToken);
    await go(operator, `/invoices/${world.invoices['green→jade'].id}`);
    await operator.getByRole('button', { name: 'Finalize' }).click();
    await operator.locator('[data-testid="invoice-status"]', { hasText: /^Finalized$/ }).waitFor();
    await operator.getByLabel('Void reason').fill('wrong customer');
    await operator.getByRole('button', { name: 'Void' }).click();
    await operator.locator('[data-testid="invoice-status"]', { hasText: /^Void$/ }).waitFor();
    expect(await operator.getByRole('button', { name: 'Mark paid' }).count()).toBe(0);
    await look(operator, 'Invoice lines', 'invoice-voided');
    await go(operator, `/invoices/${world.invoices['acme→northwind'].id}`);
    await operator.getByLabel('Discard reason').fill('billed by mistake');
    await operator.getByRole('button', { name: 'Discard draft' }).click();
    await operator.locator('[data-testid="invoice-status"]', { hasText: /^Discarded$/ }).waitFor();
    expect(await operator.getByRole('button', { name: 'Finalize' }).count()).toBe(0);
    // The invoice list filters by status (on the service) and pages by token.
    await operator.goto(
      `${server.url}/tenants/${world.tenants.northwind.id}/invoices?period=2026-10&pageSize=1`,
    );
    const invoiceRows = operator.getByRole('region', { name: 'Invoices' }).locator('tbody tr');
    await operator.getByTestId('invoice-page').waitFor();
    expect(await operator.getByTestId('invoice-page').textContent()).toBe('Page 1');
    const first = await invoiceRows.allInnerTexts();
    expect(first).toHaveLength(1);
    const firstBuyer = first[0].split('\t')[1];
    await operator.getByRole('button', { name: 'Next page' }).click();
    await invoiceRows.filter({ hasNotText: firstBuyer }).first().waitFor();
    const second = await invoiceRows.allInnerTexts();
    expect([firstBuyer, ...second.map((r) => r.split('\t')[1])].sort()).toEqual([
      'Blue Reseller',
      'Green Reseller',
    ]);
    expect(await operator.getByTestId('invoice-page').textContent()).toBe('Page 2');
    expect(await operator.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await go(operator, `/tenants/${world.tenants.acme.id}/invoices`);
    await operator.getByLabel('Status').selectOption({ label: 'Discarded' });
    await invoiceRows.filter({ hasText: 'Discarded' }).waitFor();
    await look(operator, 'Northwind Distribution', 'invoices-filtered');
    expect((await invoiceRows.allInnerTexts()).map((r) => r.split('\t').slice(1, 4))).toEqual([
      ['Northwind Distribution', '2026-10-01', 'Discarded'],
    ]);
    await operator.getByLabel('Status').selectOption({ label: 'Draft' });
    await operator.getByText('No invoices for this period and filter.').waitFor();
  });

  test('at 390 px wide every section fits, and signing out elsewhere ends the session here', async () => {
    const page = await open(390);
    await signIn(page, world.keys.blueAdmin);
    await look(page, 'Cobalt Customer', 'narrow-tree');
    const fits = () =>
      page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await fits()).toBe(true);
    await go(page, `/invoices/${world.invoices['northwind→blue'].id}`);
    await look(page, 'Invoice lines', 'narrow-invoice');
    expect(await fits()).toBe(true);
    await page.getByRole('link', { name: 'Seller profile' }).click();
    await look(page, 'Invoice number prefix', 'narrow-seller-profile');
    expect(await page.getByLabel('Invoice number prefix').inputValue()).toBe('BLUE');
    expect(await fits()).toBe(true);
    // Another tab of the same browser signs out: this one's next call returns it to sign-in.
    const other = await page.context().newPage();
    await other.goto(server.url);
    await other.getByRole('button', { name: 'Sign out' }).click();
    await other.getByLabel('API key or operator token').waitFor();
    await page.getByRole('link', { name: 'Tree' }).click();
    await page.getByText('Your session ended: sign in again.').waitFor();
  });

  test('the operator previews the month that has not ended and follows a run started through the API', async () => {
    const page = await open();
    await signIn(page, cascade.adminToken);
    await page.getByRole('link', { name: 'Billing runs' }).click();
    await page.getByLabel('Period (month)').fill('2026-12');
    const preview = page.getByRole('button', { name: 'Preview 2026-12 for every tree' });
    await preview.focus();
    await page.keyboard.press('Enter');
    await page.getByText(/^Succeeded \(preview\): 5 of 5 edges, 5 invoices written$/).waitFor();
    const cells = (row: string) =>
      page
        .locator(`[aria-label="Billing runs"] tbody tr${row}`)
        .locator('td:nth-child(1), td:nth-child(2), td:nth-child(4), td:nth-child(5)')
        .allTextContents();
    // The list follows the run on its own watch: it ends there too, a moment later.
    await page
      .locator('[aria-label="Billing runs"] tbody tr:first-child', {
        hasText: 'Succeeded (preview)',
      })
      .waitFor();
    expect(await cells(':first-child')).toEqual([
      '2026-12-01',
      'Succeeded (preview)',
      'operator',
      '5 of 5',
    ]);
    await look(page, 'Succeeded (preview)', 'billing-runs-preview');

    // Started elsewhere while the page stays open: it appears and ends there, no reload.
    await page.evaluate(() => Object.assign(window, { stayed: true }));
    const api = new ConnectClients(cascade.urls, cascade.adminToken);
    try {
      const november = await api.client('invoicing', InvoiceService).runBilling(NOVEMBER);
      const row = `[data-run="${november.runId}"]`;
      await page.locator(row, { hasText: 'Succeeded' }).waitFor();
      expect(await cells(row)).toEqual(['2026-11-01', 'Succeeded', 'operator', '5 of 5']);
    } finally {
      api.close();
    }
    expect(await page.evaluate(() => 'stayed' in window)).toBe(true);
    await look(page, '2026-11-01', 'billing-runs-live');
  });
});
