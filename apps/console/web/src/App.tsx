import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { BrandProvider } from './components/BrandContext';
import { Layout } from './components/Layout';
import { PeriodProvider } from './components/PeriodContext';
import { Loading } from './components/States';
import { AuditPage } from './routes/audit/AuditPage';
import { BillingRunsPage } from './routes/billing-runs/BillingRunsPage';
import { BrandingPage } from './routes/branding/BrandingPage';
import { ExplainPage } from './routes/explain/ExplainPage';
import { InvoicePage } from './routes/invoice/InvoicePage';
import { InvoicesPage } from './routes/invoices/InvoicesPage';
import { KeysPage } from './routes/keys/KeysPage';
import { MarginsPage } from './routes/margins/MarginsPage';
import { NotFoundPage } from './routes/not-found/NotFoundPage';
import { PlansPage } from './routes/plans/PlansPage';
import { RootsPage } from './routes/roots/RootsPage';
import { SignInPage } from './routes/sign-in/SignInPage';
import { TenantPage } from './routes/tenant/TenantPage';
import { UsagePage } from './routes/usage/UsagePage';
import { homeTenant } from './session/access';
import { SessionProvider, useSession } from './session/SessionContext';

function Routed() {
  const { state } = useSession();
  if (state.status === 'loading') return <Loading what="your session" />;
  if (state.status === 'signed-out') return <SignInPage reason={state.reason} />;
  const home = homeTenant(state.principal);
  return (
    <BrandProvider>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Navigate to={home ? `/tenants/${home}` : '/tenants'} replace />} />
          <Route path="tenants" element={<RootsPage />} />
          <Route path="tenants/:id" element={<TenantPage />} />
          <Route path="tenants/:id/usage" element={<UsagePage />} />
          <Route path="tenants/:id/invoices" element={<InvoicesPage />} />
          <Route path="tenants/:id/margins" element={<MarginsPage />} />
          <Route path="tenants/:id/plans" element={<PlansPage />} />
          <Route path="tenants/:id/keys" element={<KeysPage />} />
          <Route path="tenants/:id/audit" element={<AuditPage />} />
          <Route path="tenants/:id/branding" element={<BrandingPage />} />
          <Route path="invoices/:id" element={<InvoicePage />} />
          <Route path="invoices/:id/lines/:line/explain" element={<ExplainPage />} />
          <Route path="billing-runs" element={<BillingRunsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrandProvider>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <PeriodProvider>
          <Routed />
        </PeriodProvider>
      </SessionProvider>
    </BrowserRouter>
  );
}
