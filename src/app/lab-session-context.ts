import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LabSession } from './lab-session';
import type { LabState } from './lab-store';

const LabSessionContext = createContext<LabSession | undefined>(undefined);

export const LabSessionProvider = LabSessionContext.Provider;

export function useLabSession(): LabSession {
  const session = useContext(LabSessionContext);
  if (!session) throw new Error('useLabSession: no LabSessionProvider above this view');
  return session;
}

/** Reads one slice of the machine mirror; the view re-renders only when that slice changes. */
export function useLab<T>(select: (state: LabState) => T): T {
  return useStore(useLabSession().store, select);
}
