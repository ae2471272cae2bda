import { create } from 'zustand';
import type { BridgeApi } from '../../../shared/bridge/contract';
import type { KitFormat, NewRecoveryKit, RecoveryStatus, StartOverPreview } from '../../../shared/model/recovery';
import { asBridgeError } from '../bridge/failure';

/**
 * The recovery kit as main describes it. A new key is handed to the caller of `create`
 * (the kit dialog, which shows it once) and never kept here; typed keys pass through the
 * actions' arguments only.
 */
export interface RecoveryState {
  /** null until main has answered. */
  status: RecoveryStatus | null;
  loadError: string | null;
  /** "Not now" on the offer to make a kit: asked again on the next launch (kept in memory only). */
  offerDeferred: boolean;
  /** "Not moving" on the new machine's offer (restore a backup, join as a device): in memory only. */
  movingOfferClosed: boolean;

  load(): Promise<void>;
  deferOffer(): void;
  closeMovingOffer(): void;
  /** These reject with a BridgeError when main refuses. */
  create(): Promise<NewRecoveryKit>;
  saveKit(format: KitFormat, folder: string): Promise<string>;
  closeKit(saved: boolean): Promise<void>;
  check(key: string): Promise<void>;
  previewStartOver(): Promise<StartOverPreview>;
}

type RecoveryBridge = Pick<BridgeApi, 'recovery.status' | 'recovery.create' | 'recovery.saveKit' | 'recovery.closeKit' | 'recovery.check' | 'recovery.previewStartOver'>;

/** Whether Keyflow should offer to make a kit: there is no recovery key, or nobody said its kit was kept. */
export function kitWanted(status: RecoveryStatus | null): boolean {
  return status !== null && (status.key === null || status.key.savedAt === null);
}

export function createRecoveryStore(api: RecoveryBridge) {
  return create<RecoveryState>()((set, get) => {
    async function adopt(call: () => Promise<RecoveryStatus>): Promise<void> {
      try {
        set({ status: await call(), loadError: null });
      } catch (error) {
        // A wrong key changes the wait before the next: show it.
        void get().load();
        throw asBridgeError(error);
      }
    }

    return {
      status: null,
      loadError: null,
      offerDeferred: false,
      movingOfferClosed: false,

      async load() {
        try {
          set({ status: await api['recovery.status']({}), loadError: null });
        } catch (error) {
          set({ loadError: asBridgeError(error).message });
        }
      },
      deferOffer: () => set({ offerDeferred: true }),
      closeMovingOffer: () => set({ movingOfferClosed: true }),
      async create() {
        const kit = await api['recovery.create']({});
        await get().load();
        return kit;
      },
      saveKit: async (format, folder) => (await api['recovery.saveKit']({ format, folder })).path,
      closeKit: (saved) => adopt(() => api['recovery.closeKit']({ saved })),
      check: (key) => adopt(() => api['recovery.check']({ key })),
      previewStartOver: () => api['recovery.previewStartOver']({}),
    };
  });
}
