/**
 * What every importer produces before detection: requests whose texts may refer to
 * variables ({{name}} in Postman, $NAME in a shell), grouped into workflows, with the
 * variables' values and what could not be imported. Values are still plain here; the
 * plan (plan.ts) finds the credentials and never lets them out again.
 */
import type { HttpMethod } from '../../../shared/model/workflow';
import type { NotImported } from '../../../shared/model/imports';

/** A piece of text, or a reference to a variable by name. */
export type DraftPiece = string | { variable: string };
export type DraftText = DraftPiece[];

export interface DraftPair {
  key: string;
  value: DraftText;
  enabled: boolean;
}

export type DraftBody = { kind: 'none' } | { kind: 'json'; text: DraftText } | { kind: 'text'; text: DraftText; contentType: string } | { kind: 'form'; fields: DraftPair[] };

export type DraftAuth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: DraftText }
  | { kind: 'basic'; username: DraftText; password: DraftText }
  | { kind: 'api-key'; in: 'header' | 'query'; name: string; value: DraftText };

export interface DraftRequest {
  name: string;
  /** Where it came from: a folder path, a tag. */
  group: string;
  method: HttpMethod;
  url: DraftText;
  query: DraftPair[];
  headers: DraftPair[];
  body: DraftBody;
  auth: DraftAuth;
}

export interface DraftWorkflow {
  name: string;
  requests: DraftRequest[];
}

export interface DraftVariable {
  name: string;
  value: string;
  /** Marked secret where it came from (a Postman "secret" variable). */
  markedSecret: boolean;
  /** Where people know it from: "collection variable", "environment variable", ".env". */
  origin: string;
}

export interface DraftImport {
  title: string;
  /** A Postman environment's name: its values go to the Keyflow environment of that name. */
  environmentName?: string;
  workflows: DraftWorkflow[];
  variables: DraftVariable[];
  notImported: NotImported[];
  warnings: string[];
}

/** Splits `{{name}}` references out of a text (Postman's variable syntax). */
export function withVariables(text: string): DraftText {
  const pieces: DraftText = [];
  let last = 0;
  for (const match of text.matchAll(/\{\{\s*([^{}\s][^{}]*?)\s*\}\}/g)) {
    if (match.index > last) pieces.push(text.slice(last, match.index));
    pieces.push({ variable: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces;
}

export const plain = (text: string): DraftText => (text === '' ? [] : [text]);

export const NO_BODY: DraftBody = { kind: 'none' };
export const NO_AUTH: DraftAuth = { kind: 'none' };
