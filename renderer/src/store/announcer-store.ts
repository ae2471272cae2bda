import { create } from 'zustand';

/** What the polite live region says: the outcome of the last completed action. */
export interface AnnouncerState {
  message: string;
  /** Bumped on every announcement, so the same text said twice is announced twice. */
  serial: number;
  announce(message: string): void;
  /** The message has been shown long enough. */
  dismiss(): void;
}

export const useAnnouncer = create<AnnouncerState>()((set) => ({
  message: '',
  serial: 0,
  announce: (message) => set((state) => ({ message, serial: state.serial + 1 })),
  dismiss: () => set({ message: '' }),
}));
