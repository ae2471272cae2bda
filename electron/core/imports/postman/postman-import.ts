/**
 * Postman collections (v2.0 and v2.1) and environments → requests, read with Postman's own
 * library: folders become workflows (nested folders join their top folder's workflow),
 * auth is inherited as Postman resolves it, `{{variables}}` stay references. Scripts are
 * listed as not imported, by name.
 */
import { Collection, type Item, type ItemGroup, type RequestAuth, type Request as PostmanRequest } from 'postman-collection';
import { HTTP_METHODS, type HttpMethod } from '../../../../shared/model/workflow';
import type { ImportSource, NotImported } from '../../../../shared/model/imports';
import { detectCredentials } from '../../../../shared/detection/detect';
import { ruleInfo } from '../../../../shared/detection/rules';
import {
  NO_AUTH,
  NO_BODY,
  withVariables,
  type DraftAuth,
  type DraftBody,
  type DraftImport,
  type DraftPair,
  type DraftRequest,
  type DraftVariable,
  type DraftWorkflow,
} from '../draft';
import { importError } from '../import-error';
import { describeSource, parseJsonSource } from '../source';

const SUPPORTED_SCHEMA = /\/collection\/(v2\.[01])\.\d+\/collection\.json$/;
const MAX_STEPS = 100;

interface RawCollection {
  info?: { name?: unknown; schema?: unknown };
  item?: unknown;
  values?: unknown;
  name?: unknown;
  requests?: unknown;
  order?: unknown;
  _postman_variable_scope?: unknown;
}

function checkVersion(raw: RawCollection, source: ImportSource): void {
  const name = describeSource(source);
  if (raw.info === undefined && Array.isArray(raw.requests)) {
    throw importError(`${name} is a Postman collection v1, which Keyflow doesn’t read. In Postman, export it again as Collection v2.1 (⋯ › Export).`);
  }
  const schema = typeof raw.info?.schema === 'string' ? raw.info.schema : '';
  // Collections written by hand or by older tools may name no schema; Postman's library reads them as v2.
  if (!schema && Array.isArray(raw.item)) return;
  if (!schema) throw importError(`${name} is not a Postman collection: it has neither an item list nor an info.schema naming its format.`);
  const version = SUPPORTED_SCHEMA.exec(schema);
  if (!version) {
    const named = /\/(v[\d.]+)\//.exec(schema)?.[1];
    throw importError(`${name} is a Postman collection ${named ?? 'of an unknown format'}; Keyflow reads v2.0 and v2.1. In Postman, export it again as Collection v2.1.`);
  }
  if (!Array.isArray(raw.item)) throw importError(`${name} is not a valid Postman collection: it has no item list.`);
}

function pairs(list: { key?: string | null; value?: unknown; disabled?: boolean }[]): DraftPair[] {
  return list.filter((pair) => pair.key).map((pair) => ({ key: pair.key!, value: withVariables(pair.value == null ? '' : String(pair.value)), enabled: !pair.disabled }));
}

function authOf(found: RequestAuth | undefined, name: string, notImported: NotImported[]): DraftAuth {
  // The library's typings leave out `type`, which every RequestAuth has.
  const auth = found as (RequestAuth & { type: string }) | undefined;
  if (!auth || auth.type === 'noauth') return NO_AUTH;
  const parameters = auth.parameters().toObject() as Record<string, unknown>;
  const text = (key: string) => withVariables(parameters[key] == null ? '' : String(parameters[key]));
  switch (auth.type) {
    case 'bearer':
      return { kind: 'bearer', token: text('token') };
    case 'basic':
      return { kind: 'basic', username: text('username'), password: text('password') };
    case 'apikey':
      return { kind: 'api-key', in: parameters.in === 'query' ? 'query' : 'header', name: String(parameters.key || 'X-API-Key'), value: text('value') };
    case 'oauth2':
      if (parameters.accessToken) return { kind: 'bearer', token: text('accessToken') };
      notImported.push({ what: `OAuth 2.0 settings of “${name}”`, why: 'Keyflow doesn’t run OAuth flows: put an access token in a key and use Bearer authentication.' });
      return NO_AUTH;
    default:
      notImported.push({ what: `${auth.type} authentication of “${name}”`, why: 'Keyflow sends Basic, Bearer and API key authentication only.' });
      return NO_AUTH;
  }
}

function bodyOf(request: PostmanRequest, name: string, contentType: string, notImported: NotImported[]): DraftBody {
  const body = request.body;
  if (!body || !body.mode || body.isEmpty()) return NO_BODY;
  switch (body.mode) {
    case 'raw': {
      const raw = String(body.raw ?? '');
      const language = (body.options as { raw?: { language?: string } } | undefined)?.raw?.language;
      if (language === 'json' || /json/i.test(contentType)) return { kind: 'json', text: withVariables(raw) };
      return { kind: 'text', text: withVariables(raw), contentType: contentType || (language === 'xml' ? 'application/xml' : language === 'html' ? 'text/html' : 'text/plain') };
    }
    case 'urlencoded':
      return { kind: 'form', fields: pairs(body.urlencoded?.all() ?? []) };
    case 'formdata': {
      const fields = body.formdata?.all() ?? [];
      for (const field of fields as { key: string; type?: string }[])
        if (field.type === 'file') notImported.push({ what: `File field “${field.key}” of “${name}”`, why: 'Keyflow requests don’t upload files.' });
      notImported.push({ what: `Multipart form of “${name}”`, why: 'Sent as a URL-encoded form: Keyflow has no multipart bodies yet.' });
      return { kind: 'form', fields: pairs((fields as { key: string; type?: string }[]).filter((field) => field.type !== 'file')) };
    }
    case 'graphql': {
      const graphql = body.graphql as { query?: string; variables?: string } | undefined;
      let variables: unknown = {};
      try {
        variables = graphql?.variables ? JSON.parse(graphql.variables) : {};
      } catch {
        variables = {};
      }
      return { kind: 'json', text: withVariables(JSON.stringify({ query: graphql?.query ?? '', variables }, null, 2)) };
    }
    default:
      notImported.push({ what: `Body of “${name}”`, why: `A ${body.mode} body can’t be carried by an import.` });
      return NO_BODY;
  }
}

function urlOf(request: PostmanRequest): { url: string; query: DraftPair[] } {
  const url = request.url;
  const protocol = url.protocol ? `${url.protocol}://` : '';
  const port = url.port ? `:${url.port}` : '';
  const pathVariables = new Map(
    url.variables.all().map((variable: { key: string | null; value: unknown }) => [variable.key, variable.value == null ? '' : String(variable.value)]),
  );
  const path = url
    .getPath(true)
    .split('/')
    .map((segment: string) => (segment.startsWith(':') && pathVariables.get(segment.slice(1)) ? pathVariables.get(segment.slice(1))! : segment))
    .join('/');
  const host = url.getHost();
  const hasPath = (url.path?.length ?? 0) > 0;
  return { url: `${protocol}${host}${port}${hasPath ? path : ''}`, query: pairs(url.query.all()) };
}

/** Items, folders and the collection carry events (the typings give folders none). */
function scriptNotes(owner: Item | ItemGroup | Collection, ownerName: string, notImported: NotImported[]): void {
  const events = (owner as Item).events;
  if (!events) return;
  for (const event of events.all()) {
    const exec = event.script?.exec;
    const code = Array.isArray(exec) ? exec.join('\n') : String(exec ?? '');
    if (code.trim() === '') continue;
    const kind = event.listen === 'prerequest' ? 'Pre-request script' : event.listen === 'test' ? 'Test script' : `${event.listen} script`;
    const credential = detectCredentials(code, { kind: 'text' })[0];
    notImported.push({
      what: `${kind} of “${ownerName}”`,
      why: `Keyflow doesn’t run Postman scripts.${credential ? ` It holds what looks like a ${ruleInfo(credential.ruleId).name.toLowerCase()}: if this file was shared, rotate it at its source.` : ''}`,
    });
  }
}

function requestOf(item: Item, group: string, notImported: NotImported[]): DraftRequest | null {
  const name = (item.name || 'Request').slice(0, 100);
  scriptNotes(item, name, notImported);
  const request = item.request;
  const method = String(request.method || 'GET').toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    notImported.push({ what: `“${name}”`, why: `Keyflow sends ${HTTP_METHODS.join(', ')} requests, not ${method}.` });
    return null;
  }
  const headers = pairs(request.headers.all());
  const contentType = headers.find((header) => header.key.toLowerCase() === 'content-type')?.value.join('') ?? '';
  const { url, query } = urlOf(request);
  return {
    name,
    group,
    method: method as HttpMethod,
    url: withVariables(url),
    query,
    headers,
    body: bodyOf(request, name, contentType, notImported),
    auth: authOf(item.getAuth(), name, notImported),
  };
}

/** Folders become workflows, in parts of at most 100 steps. */
function workflowsOf(collection: Collection, notImported: NotImported[]): DraftWorkflow[] {
  const title = collection.name || 'Postman collection';
  const root: DraftRequest[] = [];
  const folders: { name: string; requests: DraftRequest[] }[] = [];
  const walk = (node: Item | ItemGroup, path: string[], into: DraftRequest[]) => {
    if ('items' in node && (node as ItemGroup).items) {
      const group = node as ItemGroup;
      scriptNotes(group, path.join(' / ') || title, notImported);
      group.items.each((child: Item | ItemGroup) => walk(child, [...path, child.name ?? ''], into), undefined);
      return;
    }
    const request = requestOf(node as Item, path.slice(0, -1).join(' / '), notImported);
    if (request) into.push(request);
  };
  scriptNotes(collection, title, notImported);
  collection.items.each((child: Item | ItemGroup) => {
    if ('items' in child && (child as ItemGroup).items) {
      const requests: DraftRequest[] = [];
      walk(child, [child.name ?? ''], requests);
      folders.push({ name: `${title} / ${child.name}`, requests });
    } else walk(child, [child.name ?? ''], root);
  }, undefined);
  const all = [...(root.length > 0 ? [{ name: title, requests: root }] : []), ...folders.filter((folder) => folder.requests.length > 0)];
  return all.flatMap(({ name, requests }) => {
    const parts = Math.ceil(requests.length / MAX_STEPS);
    return Array.from({ length: parts }, (_, index) => ({
      name: (parts > 1 ? `${name} (${index + 1} of ${parts})` : name).slice(0, 100),
      requests: requests.slice(index * MAX_STEPS, (index + 1) * MAX_STEPS),
    }));
  });
}

function environmentOf(raw: RawCollection, source: ImportSource): DraftImport {
  if (!Array.isArray(raw.values)) throw importError(`${describeSource(source)} is not a Postman environment: it has no values list.`);
  const variables: DraftVariable[] = (raw.values as { key?: unknown; value?: unknown; type?: unknown; enabled?: unknown }[])
    .filter((entry) => typeof entry.key === 'string' && entry.key !== '' && entry.enabled !== false)
    .map((entry) => ({ name: String(entry.key), value: entry.value == null ? '' : String(entry.value), markedSecret: entry.type === 'secret', origin: 'environment variable' }));
  const title = typeof raw.name === 'string' && raw.name ? raw.name : 'Postman environment';
  return { title, environmentName: title, workflows: [], variables, notImported: [], warnings: [] };
}

export function importPostman(source: ImportSource): DraftImport {
  const raw = parseJsonSource(source, 'Postman collection');
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw importError(`${describeSource(source)} is not a Postman collection: it is not a JSON object.`);
  const data = raw as RawCollection;
  if (data._postman_variable_scope !== undefined || (Array.isArray(data.values) && data.info === undefined)) return environmentOf(data, source);
  checkVersion(data, source);
  let collection: Collection;
  try {
    collection = new Collection(data as ConstructorParameters<typeof Collection>[0]);
  } catch {
    throw importError(`${describeSource(source)} is not a valid Postman collection: Postman’s library could not read it.`);
  }
  const notImported: NotImported[] = [];
  const workflows = workflowsOf(collection, notImported);
  const variables: DraftVariable[] = collection.variables
    .all()
    .filter((variable: { key: string | null; disabled?: boolean }) => variable.key && !variable.disabled)
    .map((variable: { key: string | null; value: unknown; type?: string }) => ({
      name: variable.key!,
      value: variable.value == null ? '' : String(variable.value),
      markedSecret: variable.type === 'secret',
      origin: 'collection variable',
    }));
  return { title: collection.name || 'Postman collection', workflows, variables, notImported, warnings: [] };
}
