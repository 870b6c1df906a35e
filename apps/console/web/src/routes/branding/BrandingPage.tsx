import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { clients } from '../../api/clients';
import { useAction, useCall } from '../../api/use-call';
import { Loaded, ProblemView } from '../../components/States';

/** The seller's white label: display name and accent colour, inherited by its whole subtree. */
export function BrandingPage() {
  const { id = '' } = useParams();
  const profile = useCall(
    (signal) => clients.invoices.getSellerProfile({ tenantId: id }, { signal }),
    [id],
  );
  return (
    <>
      <h1>Branding</h1>
      <Loaded state={profile} what="Seller profile">
        {(p) => (
          <BrandingForm
            tenantId={id}
            name={p.displayName}
            accent={p.accentColor}
            after={profile.reload}
          />
        )}
      </Loaded>
    </>
  );
}

function BrandingForm({
  tenantId,
  name,
  accent,
  after,
}: {
  tenantId: string;
  name: string;
  accent: string;
  after: () => void;
}) {
  const [displayName, setName] = useState(name);
  const [accentColor, setAccent] = useState(accent || '#1f5fbf');
  const save = useAction(async () => {
    await clients.invoices.setSellerProfile({
      tenantId,
      profile: { tenantId, displayName, accentColor },
      updateMask: { paths: ['display_name', 'accent_color'] },
    });
    after();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  return (
    <form onSubmit={submit}>
      <div className="field">
        <label htmlFor="brand-name">Display name</label>
        <input id="brand-name" value={displayName} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="brand-accent">Accent colour</label>
        <input
          id="brand-accent"
          type="color"
          value={accentColor}
          onChange={(e) => setAccent(e.target.value)}
        />
      </div>
      <button type="submit" disabled={save.running}>
        Save branding
      </button>
      {save.problem && <ProblemView problem={save.problem} what="Branding refused" />}
    </form>
  );
}
