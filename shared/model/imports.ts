/**
 * Importing requests from elsewhere (cURL, Postman, OpenAPI, .env): what the preview shows
 * before anything is saved, and what the person decides in it. A preview never carries a
 * detected credential: places where one sits are `credential` segments naming it by id.
 */
import type { SecretType } from './secret';

export const IMPORT_FORMATS = ['curl', 'postman', 'openapi', 'env'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  curl: 'cURL command',
  postman: 'Postman collection',
  openapi: 'OpenAPI description',
  env: '.env file',
};

/** The largest file an import reads (bigger ones are refused before they are read). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const MIB = 1024 * 1024;

/** Why a file of `bytes` can't be imported (`name` as shown, e.g. “x.json”), or null. */
export function sizeProblem(bytes: number, name: string): string | null {
  if (bytes <= MAX_IMPORT_BYTES) return null;
  return `${name} is ${(bytes / MIB).toFixed(1)} MB; Keyflow imports files up to ${MAX_IMPORT_BYTES / MIB} MB.`;
}

export interface ImportSource {
  format: ImportFormat;
  text: string;
  /** The file's name, when it came from a file (shown in messages). */
  fileName?: string;
}

/** A piece of a field: text, a credential found (by id), or a variable the import refers to by name (see `ImportPreview.variables`). */
export type PreviewSegment = { kind: 'text'; text: string } | { kind: 'credential'; id: string } | { kind: 'variable'; name: string };

export interface PreviewStep {
  /** Stable across previews of the same source: what decisions refer to. */
  key: string;
  name: string;
  method: string;
  url: PreviewSegment[];
  /** Where it came from, e.g. a Postman folder path or an OpenAPI tag. */
  group: string;
}

export interface PreviewWorkflow {
  key: string;
  name: string;
  steps: PreviewStep[];
}

export interface PreviewCredential {
  id: string;
  ruleId: string;
  /** What was found, e.g. "GitHub token". */
  ruleName: string;
  /** The value's last 4 characters when it has at least 16 (as a masked key shows), else null. */
  hint: string | null;
  proposedName: string;
  proposedType: SecretType;
  /** The types the key may have: every field it goes into must accept it. */
  allowedTypes: SecretType[];
  proposedDomains: string[];
  /** Where it sits, as people read it: "Step “Create customer” › Basic auth username", ".env STRIPE_KEY". */
  places: string[];
  /**
   * A key of the workspace named like the variable it came from (a Postman environment
   * imported after another): by default the import sets that key's value in the import's
   * environment rather than creating a second key.
   */
  existingKey: { id: string; name: string } | null;
}

/**
 * A variable of the source (collection, environment, .env), or one its fields refer to
 * without defining it. What it becomes in Keyflow:
 * - `variable`: a plain variable of the workspace (matched by name, else created), its value
 *   set in the import's environment; fields get its chip;
 * - `key`: a credential (`credentialId`, decided with the others), or the name of a key the
 *   workspace already has (`credentialId` null); fields get the key's chip;
 * - `written-in`: its text is written into the fields that use it (a name Keyflow variables
 *   can't have, such as Postman's `$guid`, or a value only partly a credential).
 */
export interface PreviewVariable {
  name: string;
  becomes: 'variable' | 'key' | 'written-in';
  /** Its value here; null when it is a credential, or when the source only refers to it. */
  value: string | null;
  credentialId: string | null;
  /** The workspace already has a variable (or, for `key`, a key) of this name. */
  existing: boolean;
  /** How many fields use it. */
  usedBy: number;
}

/** Where an import's values go: one of the workspace's environments (`id`), or a new one to create (`id` null). */
export interface PreviewEnvironment {
  id: string | null;
  name: string;
}

export interface NotImported {
  what: string;
  why: string;
}

export interface ImportPreview {
  format: ImportFormat;
  /** The collection's or API's title, or what was pasted. */
  title: string;
  workflows: PreviewWorkflow[];
  credentials: PreviewCredential[];
  /** Collection, environment and .env variables, and what each becomes. */
  variables: PreviewVariable[];
  /** Where keys' and variables' values go (a Postman environment: the environment of its name); null when the import sets none. */
  environment: PreviewEnvironment | null;
  notImported: NotImported[];
  warnings: string[];
}

export interface CredentialDecision {
  id: string;
  /** "key": stored as a secret key, the workflow gets its chip; "plain": not a secret, stays as text. */
  action: 'key' | 'plain';
  name?: string;
  type?: SecretType;
  allowedDomains?: string[];
  /** With "key": the existing key whose value (in the import's environment) it becomes; null for a new key; absent, as proposed. */
  keyId?: string | null;
}

export interface ImportDecisions {
  credentials: CredentialDecision[];
  /** Step keys left out (OpenAPI operations or Postman requests not picked). */
  skippedSteps?: string[];
  /** New names for workflows, by workflow key. */
  workflowNames?: Record<string, string>;
  /** Where values go: an environment of the workspace, or a new one by name; absent, as proposed. */
  environment?: { id: string } | { name: string };
}

export interface ImportOutcome {
  workflows: { id: string; name: string }[];
  /** Keys created. */
  keys: { id: string; name: string }[];
  /** Existing keys given a value in the import's environment. */
  keyValues: { id: string; name: string }[];
  /** Variables created or given a value. */
  variables: { id: string; name: string }[];
  /** Where the values went (created when new); null when the import set none. */
  environment: { id: string; name: string } | null;
  keptAsPlainText: number;
}

/** One literal credential of the Security check: one value, wherever in the workspace's workflows it stands. */
export interface LiteralFinding {
  kind: 'literal';
  /** The value's fingerprint: what convert and keep-as-plain-text name. */
  id: string;
  ruleId: string;
  ruleName: string;
  hint: string | null;
  proposedName: string;
  proposedDomains: string[];
  places: {
    workflowId: string;
    workflowName: string;
    stepId: string;
    stepName: string;
    field: string;
    /** "Header Authorization", "Bearer token", "Code". */
    fieldLabel: string;
    /** The person chose to keep it as plain text there. */
    keptAsPlainText: boolean;
  }[];
}

/**
 * A plain variable whose text is a credential in some environment. Variables are shown to
 * everyone and exported, so a credential can't be kept in one: converting makes the whole
 * variable a key (its text in each environment becomes the key's value there).
 */
export interface VariableFinding {
  kind: 'variable';
  /** The variable's id: what convertVariable names. */
  id: string;
  variableName: string;
  ruleId: string;
  ruleName: string;
  hint: string | null;
  /** Where its text is a credential. */
  environments: { id: string; name: string }[];
  /** The workflows that use it. */
  workflows: { id: string; name: string }[];
  proposedName: string;
  proposedDomains: string[];
}

export type SecurityFinding = LiteralFinding | VariableFinding;
