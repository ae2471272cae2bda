/**
 * OpenAPI 3.x and Swagger 2.0 descriptions → one step per operation, grouped by tag into
 * workflows: method, URL (first server), parameters (required ones on, optional ones
 * off), an example body (the description's example, else a sample of its schema), and
 * the operation's security scheme as the auth helper, waiting for a key.
 * Parsed and validated with @readme/openapi-parser; $refs outside the file are refused,
 * never fetched.
 */
import { dereference, validate } from '@readme/openapi-parser';
import { sample } from 'openapi-sampler';
import { parse as parseYaml } from 'yaml';
import { HTTP_METHODS, type HttpMethod } from '../../../../shared/model/workflow';
import type { ImportSource, NotImported } from '../../../../shared/model/imports';
import { NO_AUTH, NO_BODY, plain, type DraftAuth, type DraftBody, type DraftImport, type DraftPair, type DraftRequest, type DraftWorkflow } from '../draft';
import { importError, scrubbed } from '../import-error';
import { describeSource, lineAndColumn } from '../source';

// An OpenAPI document is walked as the JSON it is (the parser has validated its shape).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const MAX_STEPS = 100;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function readDocument(source: ImportSource): Json {
  const name = describeSource(source);
  let data: unknown;
  const text = source.text.trimStart();
  if (text.startsWith('{')) {
    try {
      data = JSON.parse(source.text);
    } catch (error) {
      const position = /position (\d+)/.exec(error instanceof Error ? error.message : '');
      throw importError(`${name} is not valid JSON${position ? ` (${lineAndColumn(source.text, Number(position[1]))})` : ''}.`);
    }
  } else {
    try {
      // Silent: the library's warnings quote the text, and go to the console.
      data = parseYaml(source.text, { maxAliasCount: 1000, logLevel: 'silent' });
    } catch (error) {
      const at = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
      throw importError(`${name} is neither JSON nor valid YAML${at ? ` (line ${at.line}, column ${at.col})` : ''}.`);
    }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw importError(`${name} is not an OpenAPI description: it is not an object.`);
  const document = data as Json;
  const version = typeof document.openapi === 'string' ? document.openapi : typeof document.swagger === 'string' ? document.swagger : null;
  if (!version) throw importError(`${name} is not an OpenAPI description: it has neither an “openapi” nor a “swagger” version field.`);
  if (!/^3\.[01]\./.test(version) && version !== '2.0') throw importError(`${name} is OpenAPI ${scrubbed(version)}; Keyflow reads OpenAPI 3.0, 3.1 and Swagger 2.0.`);
  return document;
}

/** Every $ref must point inside the file: Keyflow fetches nothing while importing. */
function checkRefs(document: Json, name: string): void {
  const seen = new Set<unknown>();
  const walk = (node: Json, path: string) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (typeof node.$ref === 'string') {
      const ref: string = node.$ref;
      if (!ref.startsWith('#'))
        throw importError(
          `${name} refers to another file or URL (${scrubbed(ref)} at ${path}); Keyflow imports one self-contained file and fetches nothing. Bundle the description into one file first.`,
        );
      if (resolvePointer(document, ref) === undefined) throw importError(`${name} has a broken $ref: ${scrubbed(ref)} (at ${path}) points to nothing in the file.`);
    }
    for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  walk(document, '#');
}

function resolvePointer(document: Json, ref: string): unknown {
  let node: Json = document;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

function baseUrl(document: Json, warnings: string[]): string {
  if (document.swagger) {
    const scheme = document.schemes?.[0] ?? 'https';
    if (!document.host) warnings.push('The description names no host: set each step’s URL.');
    return document.host ? `${scheme}://${document.host}${document.basePath ?? ''}` : (document.basePath ?? '');
  }
  const server = document.servers?.[0];
  if (!server?.url) {
    warnings.push('The description names no server: set each step’s URL.');
    return '';
  }
  let url: string = server.url.replace(/\{([^}]+)\}/g, (whole: string, name: string) => String(server.variables?.[name]?.default ?? whole));
  if (url.startsWith('/')) warnings.push(`The server URL “${scrubbed(url)}” is relative: add the host to each step’s URL.`);
  url = url.replace(/\/$/, '');
  return url;
}

function exampleOf(parameter: Json): string | null {
  const value =
    parameter.example ??
    parameter.schema?.example ??
    parameter.schema?.default ??
    parameter.default ??
    (parameter.examples ? Object.values(parameter.examples as Record<string, Json>)[0]?.value : undefined);
  if (value === undefined || value === null) return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function sampled(schema: Json, document: Json): unknown {
  try {
    return sample(schema, { skipReadOnly: true, quiet: true, maxSampleDepth: 4 }, document);
  } catch {
    return {};
  }
}

function bodyOf(operation: Json, parameters: Json[], document: Json, name: string, notImported: NotImported[]): { body: DraftBody; contentType: string | null } {
  if (document.swagger) {
    const body = parameters.find((parameter) => parameter.in === 'body');
    if (body) return { body: { kind: 'json', text: plain(JSON.stringify(body.schema?.example ?? sampled(body.schema ?? {}, document), null, 2)) }, contentType: null };
    const form = parameters.filter((parameter) => parameter.in === 'formData');
    if (form.some((parameter) => parameter.type === 'file')) notImported.push({ what: `File upload of “${name}”`, why: 'Keyflow requests don’t upload files.' });
    if (form.length > 0)
      return {
        body: { kind: 'form', fields: form.filter((p) => p.type !== 'file').map((p) => ({ key: p.name, value: plain(exampleOf(p) ?? ''), enabled: Boolean(p.required) })) },
        contentType: null,
      };
    return { body: NO_BODY, contentType: null };
  }
  const content = operation.requestBody?.content as Record<string, Json> | undefined;
  if (!content) return { body: NO_BODY, contentType: null };
  const types = Object.keys(content);
  const json = types.find((type) => /json/i.test(type));
  const chosen = json ?? types.find((type) => /x-www-form-urlencoded/i.test(type)) ?? types.find((type) => !/multipart|octet-stream/i.test(type));
  if (!chosen) {
    notImported.push({ what: `Body of “${name}”`, why: `A ${types.join(' or ')} body can’t be written by an import.` });
    return { body: NO_BODY, contentType: null };
  }
  const media = content[chosen];
  const example =
    media.example ??
    (media.examples ? Object.values(media.examples as Record<string, Json>)[0]?.value : undefined) ??
    media.schema?.example ??
    sampled(media.schema ?? {}, document);
  if (/x-www-form-urlencoded/i.test(chosen) && example && typeof example === 'object') {
    return {
      body: {
        kind: 'form',
        fields: Object.entries(example as Record<string, unknown>).map(([key, value]) => ({
          key,
          value: plain(typeof value === 'object' ? JSON.stringify(value) : String(value)),
          enabled: true,
        })),
      },
      contentType: null,
    };
  }
  if (json) return { body: { kind: 'json', text: plain(JSON.stringify(example, null, 2)) }, contentType: chosen === 'application/json' ? null : chosen };
  return { body: { kind: 'text', text: plain(typeof example === 'string' ? example : JSON.stringify(example)), contentType: chosen }, contentType: null };
}

interface Scheme {
  auth: DraftAuth;
  header?: DraftPair;
  description: string;
}

function schemeOf(document: Json, name: string): Scheme | null {
  const scheme = (document.components?.securitySchemes ?? document.securityDefinitions)?.[name];
  if (!scheme) return null;
  const type = String(scheme.type);
  if (type === 'apiKey') {
    if (scheme.in === 'cookie')
      return { auth: NO_AUTH, header: { key: 'Cookie', value: plain(`${scheme.name}=`), enabled: true }, description: `an API key in the ${scheme.name} cookie` };
    return {
      auth: { kind: 'api-key', in: scheme.in === 'query' ? 'query' : 'header', name: String(scheme.name), value: [] },
      description: `an API key in the ${scheme.in === 'query' ? 'query parameter' : 'header'} ${scheme.name}`,
    };
  }
  if ((type === 'http' && /^basic$/i.test(scheme.scheme)) || type === 'basic') return { auth: { kind: 'basic', username: [], password: [] }, description: 'Basic authentication' };
  if (type === 'http' && /^bearer$/i.test(scheme.scheme)) return { auth: { kind: 'bearer', token: [] }, description: 'a bearer token' };
  if (type === 'oauth2' || type === 'openIdConnect')
    return {
      auth: { kind: 'bearer', token: [] },
      description: `a bearer token (from ${type === 'oauth2' ? 'OAuth 2.0' : 'OpenID Connect'}, which Keyflow doesn’t run: paste an access token into a key)`,
    };
  return null;
}

function operationsOf(document: Json, notImported: NotImported[], warnings: string[]): DraftRequest[] {
  const base = baseUrl(document, warnings);
  const requests: DraftRequest[] = [];
  const schemesUsed = new Map<string, string>();
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    if (!item || typeof item !== 'object') continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const upper = method.toUpperCase();
      const name =
        String(operation.summary || operation.operationId || `${upper} ${path}`)
          .replace(/\s+/g, ' ')
          .trim()
          .slice(0, 100) || `${upper} ${path}`.slice(0, 100);
      if (!(HTTP_METHODS as readonly string[]).includes(upper)) {
        notImported.push({ what: `“${name}”`, why: `Keyflow sends ${HTTP_METHODS.join(', ')} requests, not ${upper}.` });
        continue;
      }
      const parameters: Json[] = [...(item.parameters ?? []), ...(operation.parameters ?? [])].filter(
        (parameter, index, all) => all.findLastIndex((other) => other.name === parameter.name && other.in === parameter.in) === index,
      );
      let url = `${base}${path}`;
      for (const parameter of parameters.filter((p) => p.in === 'path')) {
        const example = exampleOf(parameter);
        if (example !== null) url = url.replace(`{${parameter.name}}`, encodeURIComponent(example));
      }
      const row = (parameter: Json): DraftPair => ({ key: String(parameter.name), value: plain(exampleOf(parameter) ?? ''), enabled: Boolean(parameter.required) });
      const query = parameters.filter((p) => p.in === 'query').map(row);
      const headers = parameters.filter((p) => p.in === 'header').map(row);
      const { body, contentType } = bodyOf(operation, parameters, document, name, notImported);
      if (contentType) headers.push({ key: 'Content-Type', value: plain(contentType), enabled: true });
      let auth: DraftAuth = NO_AUTH;
      const requirement = (operation.security ?? document.security)?.find((entry: Json) => entry && Object.keys(entry).length > 0);
      if (requirement) {
        const schemeName = Object.keys(requirement)[0]!;
        const scheme = schemeOf(document, schemeName);
        if (scheme) {
          auth = scheme.auth;
          if (scheme.header) headers.push(scheme.header);
          schemesUsed.set(schemeName, scheme.description);
        } else notImported.push({ what: `Security scheme “${schemeName}” of “${name}”`, why: 'Keyflow sends Basic, Bearer and API key authentication only.' });
      }
      requests.push({ name, group: String(operation.tags?.[0] ?? ''), method: upper as HttpMethod, url: plain(url), query, headers, body, auth });
    }
  }
  for (const [name, description] of schemesUsed) {
    warnings.push(`Operations that use “${name}” get ${description}, waiting for a key: insert one in each step’s Authentication.`);
  }
  return requests;
}

function workflowsOf(title: string, requests: DraftRequest[]): DraftWorkflow[] {
  const groups = new Map<string, DraftRequest[]>();
  for (const request of requests) groups.set(request.group, [...(groups.get(request.group) ?? []), request]);
  return [...groups].flatMap(([tag, list]) => {
    const name = tag ? `${title} / ${tag}` : title;
    const parts = Math.ceil(list.length / MAX_STEPS);
    return Array.from({ length: parts }, (_, index) => ({
      name: (parts > 1 ? `${name} (${index + 1} of ${parts})` : name).slice(0, 100),
      requests: list.slice(index * MAX_STEPS, (index + 1) * MAX_STEPS),
    }));
  });
}

export async function importOpenApi(source: ImportSource): Promise<DraftImport> {
  const name = describeSource(source);
  const document = readDocument(source);
  checkRefs(document, name);
  const options = { resolve: { external: false }, dereference: { circular: 'ignore' as const } };
  if (!document.paths || typeof document.paths !== 'object') throw importError(`${name} has no “paths”: there are no operations to import.`);
  // Published descriptions often break a rule or two (the OpenAPI Initiative's own Swagger petstore does):
  // like Postman and Swagger UI, Keyflow imports what it can read and says what the validator found.
  const validation = await validate(structuredClone(document), options).catch(() => null);
  const problems: string[] = [];
  if (validation && !validation.valid) {
    const first = scrubbed((validation.errors[0]?.message ?? '').split('\n')[0] ?? '');
    const more = validation.errors.length > 1 ? ` (and ${validation.errors.length - 1} more)` : '';
    problems.push(`The description doesn’t fully follow the ${document.swagger ? 'Swagger 2.0' : 'OpenAPI'} specification: ${first}${more}. Check the imported steps.`);
  }
  let resolved: Json;
  try {
    resolved = await dereference(structuredClone(document), options);
  } catch (error) {
    throw importError(`${name} could not be resolved: ${scrubbed(error instanceof Error ? error.message : String(error))}.`);
  }
  const notImported: NotImported[] = [];
  const warnings: string[] = [...problems];
  const title = String(resolved.info?.title || 'OpenAPI').slice(0, 80);
  const requests = operationsOf(resolved, notImported, warnings);
  if (requests.length === 0) warnings.push('The description has no operations to import.');
  return { title, workflows: workflowsOf(title, requests), variables: [], notImported, warnings };
}
