import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { clients } from '../api/clients';
import { usePrincipal } from '../session/SessionContext';
import { brandOf, DEFAULT_BRAND, type Brand } from './brand';

const BrandContext = createContext<Brand>(DEFAULT_BRAND);

/**
 * The white label the signed-in tenant sees: its seller chain's profile as the
 * API resolves it (the nearest seller above that set one). Until seller
 * profiles are served, and for the operator, Cascade's own.
 */
export function BrandProvider({ children }: { children: ReactNode }) {
  const principal = usePrincipal();
  const [brand, setBrand] = useState<Brand>(DEFAULT_BRAND);
  useEffect(() => {
    if (principal.kind !== 'key') return;
    clients.invoices.getSellerProfile({ tenantId: principal.tenantId }).then(
      (profile) => setBrand(brandOf(profile)),
      () => setBrand(DEFAULT_BRAND),
    );
  }, [principal]);
  useEffect(() => {
    document.documentElement.style.setProperty('--accent', brand.accent);
    document.title = `${brand.name} console`;
  }, [brand]);
  return <BrandContext.Provider value={brand}>{children}</BrandContext.Provider>;
}

export const useBrand = () => useContext(BrandContext);
