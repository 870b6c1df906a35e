import { useState, type FormEvent } from 'react';
import { useSession } from '../../session/SessionContext';

/** The key is sent once to the console server, which keeps it; the page forgets it at once. */
export function SignInPage({ reason }: { reason?: string }) {
  const { signIn } = useSession();
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await signIn(key);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setKey('');
      setBusy(false);
    }
  };
  return (
    <main id="main" className="sign-in">
      <h1>Sign in to the Cascade console</h1>
      {reason && (
        <p className="state problem" role="alert">
          {reason}
        </p>
      )}
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="key">API key or operator token</label>
          <input
            id="key"
            name="key"
            type="password"
            autoComplete="off"
            required
            value={key}
            aria-describedby={problem ? 'sign-in-problem' : undefined}
            onChange={(e) => setKey(e.target.value)}
          />
        </div>
        {problem && (
          <p id="sign-in-problem" className="field-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      <p className="hint">
        The key stays on the console server for your session; this browser keeps only a session
        cookie.
      </p>
    </main>
  );
}
