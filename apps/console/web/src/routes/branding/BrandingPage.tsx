import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import type { SellerProfile } from '@cascade/contracts';
import { clients } from '../../api/clients';
import { useAction, useCall } from '../../api/use-call';
import { FieldErrors } from '../../components/FieldErrors';
import { Loaded, ProblemView } from '../../components/States';

/**
 * The seller's profile: its brand (display name, accent colour), inherited by its whole
 * subtree, and its invoice settings (number prefix, payment terms, address, tax id).
 */
export function BrandingPage() {
  const { id = '' } = useParams();
  const [saved, setSaved] = useState(false);
  const profile = useCall(
    (signal) => clients.invoices.getSellerProfile({ tenantId: id }, { signal }),
    [id],
  );
  return (
    <>
      <h1>Seller profile</h1>
      {/* Outside the form: a save reloads the profile, and the form with it. */}
      {saved && <p role="status">Profile saved.</p>}
      <Loaded state={profile} what="Seller profile">
        {(p) => (
          <ProfileForm
            key={p.updatedAt?.seconds ?? 0}
            profile={p}
            saving={() => setSaved(false)}
            after={() => {
              setSaved(true);
              profile.reload();
            }}
          />
        )}
      </Loaded>
    </>
  );
}

const DEFAULT_ACCENT = '#1f5fbf';

/** Each edited field and its path in the SetSellerProfile mask. */
const MASK_PATHS = {
  displayName: 'display_name',
  accentColor: 'accent_color',
  invoicePrefix: 'invoice_prefix',
  paymentTermsDays: 'payment_terms_days',
  address: 'address',
  taxId: 'tax_id',
} as const;

function ProfileForm({
  profile,
  saving,
  after,
}: {
  profile: SellerProfile;
  saving: () => void;
  after: () => void;
}) {
  const tenantId = profile.tenantId;
  // What the form showed at first; a field still equal to it was not changed.
  const shown = {
    displayName: profile.displayName,
    accentColor: profile.accentColor || DEFAULT_ACCENT,
    invoicePrefix: profile.invoicePrefix,
    paymentTermsDays: profile.paymentTermsDays,
    address: profile.address,
    taxId: profile.taxId,
  };
  const [displayName, setName] = useState(profile.displayName);
  const [accentColor, setAccent] = useState(shown.accentColor);
  const [invoicePrefix, setPrefix] = useState(profile.invoicePrefix);
  const [terms, setTerms] = useState(
    profile.paymentTermsDays ? String(profile.paymentTermsDays) : '',
  );
  const [address, setAddress] = useState(profile.address);
  const [taxId, setTaxId] = useState(profile.taxId);
  const save = useAction(async () => {
    saving();
    const edited = {
      displayName,
      accentColor,
      invoicePrefix,
      // Empty clears the terms (inherited again); the API checks the number.
      paymentTermsDays: terms.trim() === '' ? 0 : Number(terms),
      address,
      taxId,
    };
    // Only what the person changed goes in the mask: a field left as shown stays
    // inherited from the ancestor that set it, instead of becoming this seller's own.
    const paths = Object.entries(MASK_PATHS).flatMap(([field, path]) =>
      edited[field as keyof typeof edited] !== shown[field as keyof typeof edited] ? [path] : [],
    );
    if (paths.length === 0) return after();
    await clients.invoices.setSellerProfile({
      tenantId,
      profile: { tenantId, ...edited },
      updateMask: { paths },
    });
    after();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  const fields = save.problem?.kind === 'invalid' ? save.problem.fields : [];
  const text = (
    id: string,
    label: string,
    path: string,
    value: string,
    set: (v: string) => void,
    inputMode?: 'numeric',
  ) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        inputMode={inputMode}
        onChange={(e) => set(e.target.value)}
        aria-describedby={`${id}-error`}
      />
      <FieldErrors id={`${id}-error`} fields={fields} field={`profile.${path}`} />
    </div>
  );
  return (
    <form onSubmit={submit}>
      <fieldset>
        <legend>Brand (your subtree sees it unless a seller below sets its own)</legend>
        {text('brand-name', 'Display name', 'display_name', displayName, setName)}
        <div className="field">
          <label htmlFor="brand-accent">Accent colour</label>
          <input
            id="brand-accent"
            type="color"
            value={accentColor}
            onChange={(e) => setAccent(e.target.value)}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Invoices</legend>
        {text(
          'invoice-prefix',
          'Invoice number prefix',
          'invoice_prefix',
          invoicePrefix,
          setPrefix,
        )}
        {text(
          'payment-terms',
          'Payment terms (days)',
          'payment_terms_days',
          terms,
          setTerms,
          'numeric',
        )}
        {text('seller-address', 'Address', 'address', address, setAddress)}
        {text('seller-tax-id', 'Tax id', 'tax_id', taxId, setTaxId)}
      </fieldset>
      <button type="submit" disabled={save.running}>
        Save profile
      </button>
      {save.problem && <ProblemView problem={save.problem} what="Profile refused" />}
    </form>
  );
}
