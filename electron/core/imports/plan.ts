/**
 * From a draft to what the preview shows: every text is resolved (variables whose value
 * is known are written in), every credential is found — in variables and in each field,
 * by where it sits — and grouped by value, so one token used in ten requests is one key.
 * The plan keeps the values (main only); its `preview` names them by id and never holds one.
 */
import { SECRET_TYPES, secretNameKey, type SecretType } from '../../../shared/model/secret';
import { domainPatternProblem, MAX_ALLOWED_DOMAINS } from '../../../shared/model/domains';
import { valueHint } from '../../../shared/model/team';
import { detectCredentials, type FieldContext } from '../../../shared/detection/detect';
import { isPlaceholder } from '../../../shared/detection/placeholders';
import { isPositionalRule, proposedKeyName, ruleInfo, uniqueName } from '../../../shared/detection/rules';
import type { ImportFormat, ImportPreview, PreviewSegment, PreviewVariable } from '../../../shared/model/imports';
import type { HttpMethod } from '../../../shared/model/workflow';
import { hostOfUrl } from '../../../shared/model/request-host';
import { joinTexts } from '../../../shared/model/template';
import type { DraftAuth, DraftBody, DraftImport, DraftPair, DraftText } from './draft';

/** A field of a planned step: text and credentials (by id). */
export type PlannedText = PreviewSegment[];

export interface PlannedPair {
  key: string;
  value: PlannedText;
  enabled: boolean;
}

export interface PlannedStep {
  key: string;
  name: string;
  method: HttpMethod;
  url: PlannedText;
  query: PlannedPair[];
  headers: PlannedPair[];
  body: { kind: 'none' } | { kind: 'json'; text: PlannedText } | { kind: 'text'; text: PlannedText; contentType: string } | { kind: 'form'; fields: PlannedPair[] };
  auth:
    | { kind: 'none' }
    | { kind: 'bearer'; token: PlannedText }
    | { kind: 'basic'; username: PlannedText; password: PlannedText }
    | { kind: 'api-key'; in: 'header' | 'query'; name: string; value: PlannedText };
}

export interface PlannedCredential {
  id: string;
  value: string;
  ruleId: string;
  /** A variable's or .env entry's name it came from, if any. */
  variable: string | null;
  places: string[];
  hosts: Set<string>;
  /** Whether it goes into any step field (then only generic keys fit). */
  inSteps: boolean;
}

export interface ImportPlan {
  preview: ImportPreview;
  workflows: { key: string; name: string; steps: PlannedStep[] }[];
  credentials: Map<string, PlannedCredential>;
}


class CredentialRegistry {
  readonly byId = new Map<string, PlannedCredential>();
  private readonly byValue = new Map<string, PlannedCredential>();

  register(value: string, ruleId: string, variable: string | null): PlannedCredential {
    const known = this.byValue.get(value);
    if (known) {
      // A known format names it better than a position does.
      if (isPositionalRule(known.ruleId) && !isPositionalRule(ruleId)) known.ruleId = ruleId;
      known.variable ??= variable;
      return known;
    }
    const credential: PlannedCredential = { id: `c${this.byId.size + 1}`, value, ruleId, variable, places: [], hosts: new Set(), inSteps: false };
    this.byId.set(credential.id, credential);
    this.byValue.set(value, credential);
    return credential;
  }
}


/** The host a planned URL names (a credential counts as an unknown part, like a key chip). */
function hostOf(url: PlannedText): string | null {
  return hostOfUrl(url.map((segment) => (segment.kind === 'text' ? segment : { kind: 'secret', secretId: segment.id })));
}

export function planImport(format: ImportFormat, draft: DraftImport, existingKeyNames: readonly string[]): ImportPlan {
  const registry = new CredentialRegistry();

  // Variables first: a credential in a variable is one key wherever the variable is used.
  const variableSegments = new Map<string, PlannedText>();
  for (const variable of draft.variables) {
    const detections = variable.markedSecret && !isPlaceholder(variable.value)
      ? [{ ruleId: 'keyflow/postman-secret', start: 0, end: variable.value.length }]
      : detectCredentials(variable.value, { kind: 'variable', name: variable.name });
    const segments: PlannedText = [];
    let last = 0;
    for (const detection of detections) {
      segments.push({ kind: 'text', text: variable.value.slice(last, detection.start) });
      const credential = registry.register(variable.value.slice(detection.start, detection.end), detection.ruleId, variable.name);
      credential.places.push(`${variable.origin} ${variable.name}`);
      segments.push({ kind: 'credential', id: credential.id });
      last = detection.end;
    }
    segments.push({ kind: 'text', text: variable.value.slice(last) });
    variableSegments.set(variable.name, joinTexts(segments));
  }
  const variableUses = new Map<string, number>();

  let currentHost: string | null = null;
  let currentPlace = '';
  const resolve = (text: DraftText, context: FieldContext, label: string): PlannedText => {
    const resolved: PlannedText = [];
    for (const piece of text) {
      if (typeof piece === 'string') resolved.push({ kind: 'text', text: piece });
      else {
        variableUses.set(piece.variable, (variableUses.get(piece.variable) ?? 0) + 1);
        resolved.push(...(variableSegments.get(piece.variable) ?? [{ kind: 'text' as const, text: `{{${piece.variable}}}` }]));
      }
    }
    const out: PlannedText = [];
    for (const segment of joinTexts(resolved)) {
      if (segment.kind === 'credential') {
        out.push(segment);
        noteUse(segment.id, label);
        continue;
      }
      let last = 0;
      for (const detection of detectCredentials(segment.text, context)) {
        out.push({ kind: 'text', text: segment.text.slice(last, detection.start) });
        const credential = registry.register(segment.text.slice(detection.start, detection.end), detection.ruleId, null);
        out.push({ kind: 'credential', id: credential.id });
        noteUse(credential.id, label);
        last = detection.end;
      }
      out.push({ kind: 'text', text: segment.text.slice(last) });
    }
    return joinTexts(out);
  };
  const noteUse = (id: string, label: string) => {
    const credential = registry.byId.get(id)!;
    credential.inSteps = true;
    const place = `${currentPlace} › ${label}`;
    if (!credential.places.includes(place)) credential.places.push(place);
    if (currentHost) credential.hosts.add(currentHost);
  };
  const pairs = (list: DraftPair[], kind: 'query' | 'header' | 'form', title: string): PlannedPair[] =>
    list.map((pair) => ({ key: pair.key, enabled: pair.enabled, value: resolve(pair.value, kind === 'header' ? { kind: 'header', name: pair.key } : { kind, name: pair.key }, `${title} ${pair.key}`) }));
  const bodyOf = (body: DraftBody): PlannedStep['body'] => {
    switch (body.kind) {
      case 'none':
        return body;
      case 'json':
        return { kind: 'json', text: resolve(body.text, { kind: 'text' }, 'Body') };
      case 'text':
        return { kind: 'text', text: resolve(body.text, { kind: 'text' }, 'Body'), contentType: body.contentType };
      case 'form':
        return { kind: 'form', fields: pairs(body.fields, 'form', 'Form field') };
    }
  };
  const authOf = (auth: DraftAuth): PlannedStep['auth'] => {
    switch (auth.kind) {
      case 'none':
        return auth;
      case 'bearer':
        return { kind: 'bearer', token: resolve(auth.token, { kind: 'credential' }, 'Bearer token') };
      case 'basic':
        return { kind: 'basic', username: resolve(auth.username, { kind: 'text' }, 'Basic auth username'), password: resolve(auth.password, { kind: 'credential' }, 'Basic auth password') };
      case 'api-key':
        return { kind: 'api-key', in: auth.in, name: auth.name, value: resolve(auth.value, { kind: 'credential' }, 'API key value') };
    }
  };

  const workflows = draft.workflows.map((workflow, w) => ({
    key: `w${w}`,
    name: workflow.name,
    steps: workflow.requests.map((request, s): PlannedStep => {
      currentPlace = `“${request.name}”`;
      currentHost = null;
      const url = resolve(request.url, { kind: 'text' }, 'URL');
      currentHost = hostOf(url);
      // The URL's own credentials were found before its host was known.
      for (const segment of url) if (segment.kind === 'credential' && currentHost) registry.byId.get(segment.id)!.hosts.add(currentHost);
      return {
        key: `w${w}s${s}`,
        name: request.name,
        method: request.method,
        url,
        query: pairs(request.query, 'query', 'Query parameter'),
        headers: pairs(request.headers, 'header', 'Header'),
        body: bodyOf(request.body),
        auth: authOf(request.auth),
      };
    }),
  }));

  // Names, titles and notes come from the source too: a credential in one (a request named
  // after its token, a .env entry whose name is one) is cut out before anything shows or keeps it.
  const known = [...registry.byId.values()].map((credential) => credential.value).sort((a, b) => b.length - a.length);
  const clean = (text: string) => withoutCredentials(text, known);
  for (const workflow of workflows) {
    workflow.name = clean(workflow.name);
    for (const step of workflow.steps) step.name = clean(step.name) || 'Request';
  }
  const taken = new Set(existingKeyNames.map(secretNameKey));
  const credentials = [...registry.byId.values()];
  const preview: ImportPreview = {
    format,
    title: clean(draft.title),
    workflows: workflows.map((workflow) => ({
      key: workflow.key,
      name: workflow.name,
      steps: workflow.steps.map((step, index) => ({ key: step.key, name: step.name, method: step.method, url: step.url, group: clean(draft.workflows[Number(workflow.key.slice(1))]!.requests[index]!.group) })),
    })),
    credentials: credentials.map((credential) => {
      const rule = ruleInfo(credential.ruleId);
      const hosts = [...credential.hosts].filter((host) => domainPatternProblem(host) === null);
      const allowedTypes: SecretType[] = credential.inSteps ? ['generic'] : [...SECRET_TYPES];
      return {
        id: credential.id,
        ruleId: credential.ruleId,
        ruleName: rule.name,
        hint: valueHint(credential.value, 'masked'),
        proposedName: uniqueName(clean(proposedKeyName(credential.ruleId, hosts[0] ?? null, credential.variable)), taken),
        proposedType: allowedTypes.includes(rule.type) ? rule.type : 'generic',
        allowedTypes,
        proposedDomains: (hosts.length > 0 ? hosts : rule.hosts).slice(0, MAX_ALLOWED_DOMAINS),
        places: credential.places.slice(0, 50).map(clean),
      };
    }),
    variables: draft.variables.map((variable): PreviewVariable => {
      const segments = variableSegments.get(variable.name) ?? [];
      const credential = segments.find((segment) => segment.kind === 'credential');
      return {
        name: clean(variable.name),
        value: credential ? null : clean(variable.value),
        credentialId: credential?.kind === 'credential' ? credential.id : null,
        usedBy: variableUses.get(variable.name) ?? 0,
      };
    }),
    notImported: draft.notImported.map((note) => ({ what: clean(note.what), why: clean(note.why) })),
    warnings: draft.warnings.map(clean),
  };
  return { preview, workflows, credentials: registry.byId };
}

/** `text` with every known credential, and any a rule finds in it, replaced by "…". */
function withoutCredentials(text: string, known: readonly string[]): string {
  let out = text;
  for (const value of known) if (out.includes(value)) out = out.split(value).join('…');
  for (const detection of detectCredentials(out, { kind: 'text' }).reverse()) out = `${out.slice(0, detection.start)}…${out.slice(detection.end)}`;
  return out;
}


