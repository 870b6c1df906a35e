import type { SellerProfile } from '@cascade/contracts';

export interface Brand {
  name: string;
  accent: string;
  /** A data: URL of the seller's logo, if it has one. */
  logo?: string;
}

export const DEFAULT_BRAND: Brand = { name: 'Cascade', accent: '#1f5fbf' };

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** The brand a seller profile gives its subtree (the API resolves inheritance: brand_tenant_id). */
export function brandOf(profile: SellerProfile): Brand {
  const brand: Brand = {
    name: profile.displayName || DEFAULT_BRAND.name,
    accent: HEX_COLOUR.test(profile.accentColor) ? profile.accentColor : DEFAULT_BRAND.accent,
  };
  if (
    profile.logo.length > 0 &&
    /^image\/(png|jpeg|svg\+xml|webp)$/.test(profile.logoContentType)
  ) {
    let binary = '';
    for (const byte of profile.logo) binary += String.fromCharCode(byte);
    brand.logo = `data:${profile.logoContentType};base64,${btoa(binary)}`;
  }
  return brand;
}
