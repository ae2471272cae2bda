/**
 * From a draft to what the preview shows: each variable of the source is given its fate
 * (a Keyflow variable, a key, or text written in), every text is resolved, every credential
 * is found — in variables and in each field, by where it sits — and grouped by value, so
 * one token used in ten requests is one key; and the environment values go to is proposed.
 * The plan keeps the values (main only); its `preview` names them by id and never holds one.
 */
import { SECRET_TYPES, secretNameKey, type SecretType } from '../../../shared/model/secret';
import { domainPatternProblem, MAX_ALLOWED_DOMAINS } from '../../../shared/model/domains';
import { valueHint } from '../../../shared/model/team';
import { detectCredentials, isCredentialName, type FieldContext } from '../../../shared/detection/detect';
import { isPlaceholder, looksRandom } from '../../../shared/detection/placeholders';
import { isPositionalRule, proposedKeyName, ruleInfo, uniqueName } from '../../../shared/detection/rules';
import type { ImportFormat, ImportPreview, PreviewEnvironment, PreviewSegment, PreviewVariable } from '../../../shared/model/imports';
import { ENVIRONMENT_NAME_MAX, nameKey, variableNameProblem, variableValueProblem } from '../../../shared/model/environment';
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

/** What of the workspace an import meets: names it may reuse or must avoid, and where values can go. */
export interface ImportWorkspace {
  /** Every key (hidden ones too: their names are taken), with the environments each has a value in and what the person may do with it. */
  keys: readonly { id: string; name: string; environmentIds: readonly string[]; visible: boolean; manageable: boolean }[];
  variables: readonly { id: string; name: string }[];
  /** In order: the first is where values go unless the source names an environment. */
  environments: readonly { id: string; name: string }[];
}

export const EMPTY_WORKSPACE: ImportWorkspace = { keys: [], variables: [], environments: [] };

/** What one variable name of the source becomes (see `PreviewVariable`). */
interface VariableFate {
  becomes: PreviewVariable['becomes'];
  /** What a reference to it resolves to. */
  segments: PlannedText;
  /** Its value, when it becomes a Keyflow variable the source defines. */
  value: string | null;
  credentialId: string | null;
  existing: boolean;
  /** The workspace's key of this name, when that is what it refers to. */
  keyId?: string;
  /** The name itself is a credential: it is shown nowhere. */
  nameIsCredential?: boolean;
}

export interface ImportPlan {
  preview: ImportPreview;
  workflows: { key: string; name: string; steps: PlannedStep[] }[];
  credentials: Map<string, PlannedCredential>;
  /** Every name the fields refer to as a variable, with its value in the import's environment (null: none set). */
  variables: Map<string, string | null>;
  /** Names the fields refer to that are keys of the workspace: name → key id. */
  keyReferences: Map<string, string>;
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

/** The host a planned URL names: a variable counts with its value when the source gives one; a credential, or a variable without a value, as an unknown part. */
function hostOf(url: PlannedText, valueOf: (name: string) => string | null): string | null {
  return hostOfUrl(
    url.map((segment) => {
      if (segment.kind === 'text') return segment;
      const text = segment.kind === 'variable' ? valueOf(segment.name) : null;
      return text === null ? { kind: 'secret', secretId: '_' } : { kind: 'text', text };
    }),
  );
}

/** A text with every credential in it found (each registered as coming from `variable`, if any). */
function withCredentials(text: string, detections: readonly { ruleId: string; start: number; end: number }[], registry: CredentialRegistry, variable: string | null): PlannedText {
  const segments: PlannedText = [];
  let last = 0;
  for (const detection of detections) {
    segments.push({ kind: 'text', text: text.slice(last, detection.start) });
    segments.push({ kind: 'credential', id: registry.register(text.slice(detection.start, detection.end), detection.ruleId, variable).id });
    last = detection.end;
  }
  segments.push({ kind: 'text', text: text.slice(last) });
  return joinTexts(segments);
}

export function planImport(format: ImportFormat, draft: DraftImport, workspace: ImportWorkspace): ImportPlan {
  const registry = new CredentialRegistry();
  const variableNames = new Set(workspace.variables.map((variable) => nameKey(variable.name)));

  // A name that is itself a credential (a token pasted where a name goes) is never stored as a name:
  // it is a credential like any other, and references to it are its key.
  const credentialNamed = (name: string, place: string): VariableFate => {
    const credential = registry.register(name, 'keyflow/random-value', null);
    if (!credential.places.includes(place)) credential.places.push(place);
    return { becomes: 'written-in', segments: [{ kind: 'credential', id: credential.id }], value: null, credentialId: null, existing: false, nameIsCredential: true };
  };

  // Variables first: a credential in a variable is one key wherever the variable is used.
  const fates = new Map<string, VariableFate>();
  for (const variable of draft.variables) {
    if (nameHoldsCredential(variable.name)) {
      fates.set(variable.name, credentialNamed(variable.name, `the name of a ${variable.origin}`));
      continue;
    }
    const detections =
      variable.markedSecret && !isPlaceholder(variable.value)
        ? [{ ruleId: 'keyflow/postman-secret', start: 0, end: variable.value.length }]
        : detectCredentials(variable.value, { kind: 'entry', name: variable.name });
    const segments = withCredentials(variable.value, detections, registry, variable.name);
    for (const segment of segments) if (segment.kind === 'credential') registry.byId.get(segment.id)!.places.push(`${variable.origin} ${variable.name}`);
    const only = segments.length === 1 ? segments[0]! : null;
    if (only?.kind === 'credential') fates.set(variable.name, { becomes: 'key', segments, value: null, credentialId: only.id, existing: false });
    else if (segments.some((segment) => segment.kind === 'credential') || variableNameProblem(variable.name) || variableValueProblem(variable.value)) {
      fates.set(variable.name, { becomes: 'written-in', segments, value: variable.value, credentialId: null, existing: false });
    } else
      fates.set(variable.name, {
        becomes: 'variable',
        segments: [{ kind: 'variable', name: variable.name }],
        value: variable.value,
        credentialId: null,
        existing: variableNames.has(nameKey(variable.name)),
      });
  }
  // A name the fields use that the source doesn't define: a variable or key of the workspace
  // (Postman keeps values in environments, imported on their own), else a variable to fill in.
  const fateOf = (name: string): VariableFate => {
    let fate = fates.get(name);
    if (!fate && nameHoldsCredential(name)) fate = credentialNamed(name, 'a {{reference}}');
    if (!fate) {
      const hasVariable = variableNames.has(nameKey(name));
      const key = hasVariable ? undefined : workspace.keys.find((candidate) => candidate.visible && secretNameKey(candidate.name) === secretNameKey(name));
      if (variableNameProblem(name)) fate = { becomes: 'written-in', segments: [{ kind: 'text', text: `{{${name}}}` }], value: null, credentialId: null, existing: false };
      else if (key) fate = { becomes: 'key', segments: [{ kind: 'variable', name }], value: null, credentialId: null, existing: true, keyId: key.id };
      else fate = { becomes: 'variable', segments: [{ kind: 'variable', name }], value: null, credentialId: null, existing: hasVariable };
      fates.set(name, fate);
    }
    return fate;
  };
  const variableUses = new Map<string, number>();

  let currentHost: string | null = null;
  let currentPlace = '';
  const resolve = (text: DraftText, context: FieldContext, label: string): PlannedText => {
    const resolved: PlannedText = [];
    for (const piece of text) {
      if (typeof piece === 'string') resolved.push({ kind: 'text', text: piece });
      else {
        variableUses.set(piece.variable, (variableUses.get(piece.variable) ?? 0) + 1);
        resolved.push(...fateOf(piece.variable).segments);
      }
    }
    const out: PlannedText = [];
    for (const segment of joinTexts(resolved)) {
      if (segment.kind !== 'text') {
        out.push(segment);
        if (segment.kind === 'credential') noteUse(segment.id, label);
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
    list.map((pair) => ({
      key: pair.key,
      enabled: pair.enabled,
      value: resolve(pair.value, kind === 'header' ? { kind: 'header', name: pair.key } : { kind, name: pair.key }, `${title} ${pair.key}`),
    }));
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
        return {
          kind: 'basic',
          username: resolve(auth.username, { kind: 'text' }, 'Basic auth username'),
          password: resolve(auth.password, { kind: 'credential' }, 'Basic auth password'),
        };
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
      currentHost = hostOf(url, (name) => fateOf(name).value);
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
  const usedNames = new Set(variableUses.keys());
  const needsEnvironment = registry.byId.size > 0 || [...fates.values()].some((fate) => fate.becomes === 'variable' && fate.value !== null);
  const environment = needsEnvironment ? proposedEnvironment(draft.environmentName, workspace, clean) : null;
  const taken = new Set(workspace.keys.map((key) => secretNameKey(key.name)));
  const credentials = [...registry.byId.values()];
  const preview: ImportPreview = {
    format,
    title: clean(draft.title),
    workflows: workflows.map((workflow) => ({
      key: workflow.key,
      name: workflow.name,
      steps: workflow.steps.map((step, index) => ({
        key: step.key,
        name: step.name,
        method: step.method,
        url: step.url,
        group: clean(draft.workflows[Number(workflow.key.slice(1))]!.requests[index]!.group),
      })),
    })),
    credentials: credentials.map((credential) => {
      const rule = ruleInfo(credential.ruleId);
      const hosts = [...credential.hosts].filter((host) => domainPatternProblem(host) === null);
      const allowedTypes: SecretType[] = credential.inSteps ? ['generic'] : [...SECRET_TYPES];
      const existing = existingKeyFor(credential, workspace, environment);
      return {
        id: credential.id,
        ruleId: credential.ruleId,
        ruleName: rule.name,
        hint: valueHint(credential.value, 'masked'),
        proposedName: existing?.name ?? uniqueName(clean(proposedKeyName(credential.ruleId, hosts[0] ?? null, credential.variable)), taken),
        proposedType: allowedTypes.includes(rule.type) ? rule.type : 'generic',
        allowedTypes,
        proposedDomains: (hosts.length > 0 ? hosts : rule.hosts).slice(0, MAX_ALLOWED_DOMAINS),
        places: credential.places.slice(0, 50).map(clean),
        existingKey: existing,
      };
    }),
    // The source's variables, then the names its fields use without defining them.
    variables: [...fates]
      .filter(([, fate]) => !fate.nameIsCredential)
      .map(([name, fate]): PreviewVariable => ({
        name: clean(name),
        becomes: fate.becomes,
        value: fate.becomes === 'key' || fate.value === null ? null : clean(fate.value),
        credentialId: fate.credentialId,
        existing: fate.existing,
        usedBy: variableUses.get(name) ?? 0,
      })),
    environment,
    notImported: draft.notImported.map((note) => ({ what: clean(note.what), why: clean(note.why) })),
    warnings: [...draft.warnings, ...undefinedSecrets(fates)].map(clean),
  };
  // Keyflow variables the import makes or sets: those the source defines, and those its fields use.
  const variables = new Map<string, string | null>();
  const keyReferences = new Map<string, string>();
  for (const [name, fate] of fates) {
    if (fate.becomes === 'variable' && (fate.value !== null || usedNames.has(name))) variables.set(name, fate.value);
    if (fate.keyId !== undefined) keyReferences.set(name, fate.keyId);
  }
  return { preview, workflows, credentials: registry.byId, variables, keyReferences };
}

/** Notes on names the fields use, don't define, and that say they hold a secret: they would become variables without a value. */
function undefinedSecrets(fates: ReadonlyMap<string, VariableFate>): string[] {
  return [...fates]
    .filter(([name, fate]) => fate.becomes === 'variable' && fate.value === null && !fate.existing && isCredentialName(name))
    .map(
      ([name]) =>
        `{{${name}}} is used but not defined here, and its name says it holds a secret: it becomes a variable with no value. To make it a key, import the Postman environment (or .env file) that defines it first, then this.`,
    );
}

/** A name no one would choose: a known credential format, or long, of letters, digits and both cases, and as varied as a random string. */
function nameHoldsCredential(name: string): boolean {
  if (detectCredentials(name, { kind: 'text' }).length > 0) return true;
  return name.length >= 20 && /[a-z]/.test(name) && /[A-Z]/.test(name) && /[0-9]/.test(name) && looksRandom(name);
}

/** A Postman environment's values go to the environment of its name (made when new); any other import's to the first. */
function proposedEnvironment(sourceName: string | undefined, workspace: ImportWorkspace, clean: (text: string) => string): PreviewEnvironment {
  if (sourceName !== undefined) {
    const name = [...clean(sourceName).trim()].slice(0, ENVIRONMENT_NAME_MAX).join('') || 'Imported';
    const known = workspace.environments.find((environment) => nameKey(environment.name) === nameKey(name));
    return known ? { id: known.id, name: known.name } : { id: null, name };
  }
  const first = workspace.environments[0];
  return first ? { id: first.id, name: first.name } : { id: null, name: 'Default' };
}

/**
 * The key a credential from a variable proposes to give a value to: the workspace's key of
 * the variable's name, when it has no value yet in the import's environment (a Staging
 * environment imported after Production). A value is never replaced unless the person says so.
 */
function existingKeyFor(credential: PlannedCredential, workspace: ImportWorkspace, environment: PreviewEnvironment | null): { id: string; name: string } | null {
  if (credential.variable === null || environment === null) return null;
  const key = workspace.keys.find((candidate) => secretNameKey(candidate.name) === secretNameKey(credential.variable!));
  if (!key?.manageable || (environment.id !== null && key.environmentIds.includes(environment.id))) return null;
  return { id: key.id, name: key.name };
}

/** `text` with every known credential, and any a rule finds in it, replaced by "…". */
function withoutCredentials(text: string, known: readonly string[]): string {
  let out = text;
  for (const value of known) if (out.includes(value)) out = out.split(value).join('…');
  for (const detection of detectCredentials(out, { kind: 'text' }).reverse()) out = `${out.slice(0, detection.start)}…${out.slice(detection.end)}`;
  return out;
}
