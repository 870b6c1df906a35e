import { NavLink, Outlet, useMatch } from 'react-router';
import { useSession, usePrincipal } from '../session/SessionContext';
import { homeTenant } from '../session/access';
import { useBrand } from './BrandContext';
import { PeriodPicker } from './PeriodPicker';
import { usePeriod } from './PeriodContext';

/** The frame of every signed-in page: brand, who is signed in, the sections of the current tenant. */
export function Layout() {
  const principal = usePrincipal();
  const { signOut } = useSession();
  const brand = useBrand();
  const { month, setMonth } = usePeriod();
  const match = useMatch('/tenants/:id/*');
  const tenant = match?.params.id ?? homeTenant(principal);
  const sections = [
    ['', 'Tree'],
    ['/usage', 'Usage'],
    ['/invoices', 'Invoices'],
    ['/margins', 'Margins'],
    ['/plans', 'Plans'],
    ['/keys', 'API keys'],
    ['/audit', 'Audit log'],
    ['/branding', 'Seller profile'],
  ];
  return (
    <div className="app">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          {brand.logo && <img src={brand.logo} alt="" />}
          <span data-testid="brand-name">{brand.name}</span>
        </span>
        <span className="who" data-testid="who">
          {principal.kind === 'operator' ? 'Operator' : `${principal.role} key`}
        </span>
        <PeriodPicker value={month} onChange={setMonth} />
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <nav className="sections" aria-label="Sections">
        <ul>
          {principal.kind === 'operator' && (
            <li>
              <NavLink to="/tenants" end>
                All trees
              </NavLink>
            </li>
          )}
          {tenant &&
            sections.map(([path, label]) => (
              <li key={label}>
                <NavLink to={`/tenants/${tenant}${path}`} end>
                  {label}
                </NavLink>
              </li>
            ))}
          {principal.kind === 'operator' && (
            <li>
              <NavLink to="/billing-runs">Billing runs</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
