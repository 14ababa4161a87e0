import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, type SessionInfo, setUnauthenticatedHandler } from '../api/client.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; expired: boolean }
  | { status: 'signedIn'; info: SessionInfo }
  | { status: 'failed'; error: unknown };

interface SessionContextValue {
  state: SessionState;
  /** Stores a SessionInfo the API just returned (sign-in, organisation switch). */
  update: (info: SessionInfo) => void;
  /** Loads the session again from the server, e.g. after a password change. */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const info = await api.session.current();
      setState(info ? { status: 'signedIn', info } : { status: 'signedOut', expired: false });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  }, []);

  useEffect(() => {
    void refresh();
    // A 401 on any call means the session ended (expired, revoked, password reset by an administrator).
    setUnauthenticatedHandler(() => setState({ status: 'signedOut', expired: true }));
    return () => setUnauthenticatedHandler(null);
  }, [refresh]);

  const update = useCallback((info: SessionInfo) => setState({ status: 'signedIn', info }), []);

  const signOut = useCallback(async () => {
    try {
      await api.session.signOut();
    } finally {
      setState({ status: 'signedOut', expired: false });
    }
  }, []);

  const value = useMemo(() => ({ state, update, refresh, signOut }), [state, update, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSessionState must be used inside <SessionProvider>.');
  return ctx;
}

/** For pages behind sign-in: the current session, which is known to exist there. */
export function useSession(): SessionContextValue & { info: SessionInfo } {
  const ctx = useSessionState();
  if (ctx.state.status !== 'signedIn') throw new Error('useSession is only available when signed in.');
  return { ...ctx, info: ctx.state.info };
}
