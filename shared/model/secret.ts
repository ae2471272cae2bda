import type { SourceReference } from './source';
import type { SecretAccess, SecretRights, Visibility } from './team';

/** A key's value in one environment: stored (write-only, versioned) or linked to an external source. */
export interface KeyValueEntry {
  environmentId: string;
  /** Bumped by every new value or link in this environment. */
  valueVersion: number;
  /** A masked stored value's last characters (long values only); null otherwise. */
  hint: string | null;
  /** Where a linked value is read at run time; null for a stored value. */
  source: SourceReference | null;
  /** When this value was set (null for values from before Keyflow recorded it). */
  setAt: string | null;
}

/** Metadata of a secret key as every process may see it. Never carries the value. */
export interface SecretMeta {
  id: string;
  name: string;
  description: string;
  type: SecretType;
  /** Its value in each environment that has one (environments without an entry have no value). */
  values: KeyValueEntry[];
  /** Where the value, and anything derived from it, may be sent ([scheme://]host[:port], "*.example.com" for subdomains); empty = anywhere. */
  allowedDomains: string[];
  /** Whether Run Code variables may hold the value (Send API Request fields always may). Off by default. */
  readableByRunCode: boolean;
  /** Team, or restricted to named people and groups. */
  access: SecretAccess;
  visibility: Visibility;
  /** The creator's name, and their member id (the owner of the key). */
  createdBy: string;
  createdById: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  lastUsedAt: string | null;
  /** Rotation reminders: the date the key expires, and/or days after a value changes that it is due for rotation. */
  expiresAt: string | null;
  rotationDays: number | null;
  /** How many workflows reference this secret (the reference index). */
  usedBy: number;
  /** What the person asking may do with it. */
  rights: SecretRights;
}

/** What creating a secret takes: the one time a value travels renderer → main. A key is created with a value, or linked to a source. */
export interface NewSecret {
  name: string;
  value?: string;
  source?: SourceReference;
  /** Where the value or link goes; the first environment when left out. */
  environmentId?: string;
  description?: string;
  type?: SecretType;
  allowedDomains?: string[];
  /** Off when left out. */
  readableByRunCode?: boolean;
  /** Team workspaces only; Team access when left out. */
  access?: SecretAccess;
  visibility?: Visibility;
  /** Rotation reminders (none when left out). */
  expiresAt?: string | null;
  rotationDays?: number | null;
}

export const SECRET_TYPES = ['generic', 'sendgrid', 'slack', 'mailgun'] as const;
export type SecretType = (typeof SECRET_TYPES)[number];

export const SECRET_NAME_MAX = 100;
/** Values are limited to 64 KiB of UTF-8. */
export const SECRET_VALUE_MAX_BYTES = 64 * 1024;
export const SECRET_DESCRIPTION_MAX = 1000;

// Cc: C0 and C1 control characters, DEL included.
export const CONTROL_CHARACTER = /\p{Cc}/u;
/**
 * Cf: invisible formatting characters — bidirectional controls (U+202A–U+202E, U+2066–U+2069,
 * U+200E/U+200F, U+061C), zero-width characters (U+200B–U+200D, U+2060, U+FEFF), the soft
 * hyphen, tag characters. In a name they make one name look like another.
 */
export const INVISIBLE_FORMATTING_CHARACTER = /\p{Cf}/u;

/** The canonical form two names are compared in: unique per workspace, case-insensitive. */
export function secretNameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

/** Returns the problem with a proposed name, or null when it is acceptable. */
export function secretNameProblem(raw: string): string | null {
  const name = raw.trim();
  if (name.length === 0) return 'Name is required.';
  if (CONTROL_CHARACTER.test(name)) return 'Name cannot contain control characters (such as tabs or line breaks).';
  if (INVISIBLE_FORMATTING_CHARACTER.test(name)) {
    return 'Name cannot contain invisible formatting characters (such as right-to-left overrides or zero-width spaces): they can make one name look like another.';
  }
  if (!name.isWellFormed()) return 'Name contains an invalid Unicode character.';
  if ([...name].length > SECRET_NAME_MAX) return `Name must be at most ${SECRET_NAME_MAX} characters.`;
  return null;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Returns the problem with a proposed value, or null when it is acceptable. */
export function secretValueProblem(value: string): string | null {
  if (value.length === 0) return 'Value is required.';
  if (!value.isWellFormed()) return 'Value contains an invalid Unicode character (a lone surrogate).';
  if (utf8Length(value) > SECRET_VALUE_MAX_BYTES) return 'Value is larger than 64 KiB.';
  return null;
}

/**
 * Values shorter than this (UTF-16 code units) would match ordinary text by chance, so
 * run output can't mask them reliably; they are not masked, and creating one warns.
 */
export const MIN_MASKABLE_LENGTH = 8;

export function isTooShortToMask(value: string): boolean {
  return value.length < MIN_MASKABLE_LENGTH;
}
