// Who is signed in: loaded once from /api/auth/me, renewed on sign-in, cleared on sign-out or on any 401.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthorised, setCsrfToken } from './api';
import type { Me, Role } from './types';

export interface Session {
  me: Me | null;
  loading: boolean;
  signIn(username: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  has(...roles: Role[]): boolean;
  /** Unit codes where the person holds one of the roles (all roles when none are given). */
  unitsWith(...roles: Role[]): Array<{ code: string; name: string }>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    api
      .get<Me>('/api/auth/me')
      .then((m) => {
        if (!live) return;
        setCsrfToken(m.csrfToken);
        setMe(m);
      })
      .catch((e) => {
        if (!(e instanceof ApiError) || e.status !== 401) console.error(e);
      })
      .finally(() => live && setLoading(false));
    const off = onUnauthorised(() => setMe(null));
    return () => {
      live = false;
      off();
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const m = await api.post<Me>('/api/auth/login', { username, password });
    setCsrfToken(m.csrfToken);
    setMe(m);
    return m;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setMe(null);
    }
  }, []);

  const value = useMemo<Session>(
    () => ({
      me,
      loading,
      signIn,
      signOut,
      has: (...roles) => !!me?.grants.some((g) => roles.includes(g.role)),
      unitsWith: (...roles) => {
        const seen = new Map<string, string>();
        for (const g of me?.grants ?? []) if (roles.length === 0 || roles.includes(g.role)) seen.set(g.unitCode, g.unitName);
        return [...seen].map(([code, name]) => ({ code, name }));
      },
    }),
    [me, loading, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
