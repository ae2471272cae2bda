/** A key's value versions (never their values) and its recently deleted keys, as the bridge shows them. */

/** Earlier versions kept per key and environment, unless the workspace says otherwise. */
export const VERSIONS_KEPT_DEFAULT = 10;
export const VERSIONS_KEPT_MIN = 1;
export const VERSIONS_KEPT_MAX = 100;
/** How long a deleted key can be restored before it is purged. */
export const RECENTLY_DELETED_DAYS = 30;

/** One version of a key's value in one environment: who set it and when — never the value. */
export interface ValueVersion {
  environmentId: string;
  version: number;
  /** Who set this version, and when (null for versions from before Keyflow recorded it). */
  setBy: string | null;
  setAt: string | null;
  /** A masked key's last characters (long values only). */
  hint: string | null;
  /** The value in use now. */
  current: boolean;
  /** A link to an external source (the current version only: links are not kept as versions). */
  linked: boolean;
}

/** A deleted key that can still be restored. */
export interface DeletedKey {
  id: string;
  name: string;
  deletedAt: string;
  deletedBy: string;
  /** When it is purged and can no longer be restored. */
  purgeAt: string;
  /** The environments it had a value in. */
  environmentIds: string[];
}

/** A workspace's rules for keys' values. */
export interface KeyPolicy {
  /** Earlier versions kept for Roll back, per key and environment (1–100). */
  versionsKept: number;
  /** Runs that would use a key past its expiry or rotation date fail before sending. */
  refuseExpiredKeys: boolean;
}

export const DEFAULT_KEY_POLICY: KeyPolicy = { versionsKept: VERSIONS_KEPT_DEFAULT, refuseExpiredKeys: false };
