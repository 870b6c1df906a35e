import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { setCsrfToken, whenSessionLost } from '../api/transport';
import { currentSession, signIn, signOut, type Principal, type SessionInfo } from './session-api';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: string }
  | { status: 'signed-in'; principal: Principal };

interface SessionValue {
  state: SessionState;
  signIn(key: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const adopt = useCallback((info: SessionInfo | undefined) => {
    setCsrfToken(info?.csrfToken ?? '');
    setState(info ? { status: 'signed-in', principal: info.principal } : { status: 'signed-out' });
  }, []);
  useEffect(() => {
    whenSessionLost(() => {
      setCsrfToken('');
      setState({ status: 'signed-out', reason: 'Your session ended: sign in again.' });
    });
    currentSession().then(adopt, () => adopt(undefined));
  }, [adopt]);
  const value: SessionValue = {
    state,
    signIn: async (key) => adopt(await signIn(key)),
    signOut: async () => {
      await signOut();
      adopt(undefined);
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in principal (views render only inside a session). */
export function usePrincipal(): Principal {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('usePrincipal without a session');
  return state.principal;
}
