/**
 * cURL commands (one or more, Bash or Windows cmd quoting) → requests, read by
 * curlconverter. Shell variables ($TOKEN) become variables of the draft, so a command
 * copied from docs that says `Bearer $API_KEY` imports with a reference, not a literal.
 */
import { parse } from 'curlconverter/dist/src/parse.js';
import type { Request as CurlRequest } from 'curlconverter/dist/src/Request.js';
import type { Word } from 'curlconverter/dist/src/shell/Word.js';
import { HTTP_METHODS, type HttpMethod } from '../../../../shared/model/workflow';
import type { ImportSource, NotImported } from '../../../../shared/model/imports';
import { NO_AUTH, NO_BODY, withVariables, type DraftBody, type DraftImport, type DraftPair, type DraftRequest } from '../draft';
import { importError, scrubbed } from '../import-error';
import { describeSource } from '../source';
import { loadBashParser } from './bash-parser';
import { cmdCommands, looksLikeCmd } from './cmd-quoting';

/** A shell word as text, its variables written {{NAME}} (split out again by withVariables). */
function textOf(word: Word | undefined | null): string {
  if (!word) return '';
  return word.tokens.map((token) => (typeof token === 'string' ? token : token.type === 'variable' ? `{{${token.value}}}` : token.text)).join('');
}

function formFields(text: string): DraftPair[] | null {
  if (text === '' || !/^[^=&\s]+=[^&]*(?:&[^=&\s]+=[^&]*)*$/.test(text)) return null;
  return text.split('&').map((pair) => {
    const [key = '', ...rest] = pair.split('=');
    const decode = (part: string) => {
      try {
        return decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        return part;
      }
    };
    return { key: decode(key), value: withVariables(decode(rest.join('='))), enabled: true };
  });
}

function bodyOf(request: CurlRequest, contentType: string, notImported: NotImported[], name: string): DraftBody {
  if (request.multipartUploads) {
    const fields: DraftPair[] = [];
    for (const upload of request.multipartUploads) {
      if ('content' in upload) fields.push({ key: textOf(upload.name), value: withVariables(textOf(upload.content)), enabled: true });
      else notImported.push({ what: `File field “${textOf(upload.name)}” of “${name}”`, why: 'Keyflow requests don’t upload files.' });
    }
    notImported.push({ what: `Multipart form of “${name}”`, why: 'Sent as a URL-encoded form: Keyflow has no multipart bodies yet.' });
    return { kind: 'form', fields };
  }
  if (request.dataReadsFile) notImported.push({ what: `Body of “${name}”`, why: 'It is read from a file (@file), which an import can’t carry.' });
  const data = textOf(request.data);
  if (data === '') return NO_BODY;
  const trimmed = data.trim();
  if (/json/i.test(contentType) || ((trimmed.startsWith('{') || trimmed.startsWith('[')) && isJson(trimmed))) return { kind: 'json', text: withVariables(data) };
  if (contentType === '' || /x-www-form-urlencoded/i.test(contentType)) {
    const fields = formFields(data);
    if (fields) return { kind: 'form', fields };
  }
  return { kind: 'text', text: withVariables(data), contentType: contentType || 'text/plain' };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function requestsOf(request: CurlRequest, notImported: NotImported[]): DraftRequest[] {
  const headers: DraftPair[] = [];
  for (const [key, value] of request.headers.headers) {
    if (value) headers.push({ key: textOf(key), value: withVariables(textOf(value)), enabled: true });
  }
  const contentType = textOf(request.headers.headers.find(([key]) => textOf(key).toLowerCase() === 'content-type')?.[1]);
  return request.urls.flatMap((url): DraftRequest[] => {
    const method = textOf(url.method).toUpperCase();
    const address = textOf(url.urlWithoutQueryList);
    const host = textOf(url.urlObj.host);
    const name = `${method} ${host}${textOf(url.urlObj.path)}`.slice(0, 100);
    if (!(HTTP_METHODS as readonly string[]).includes(method)) {
      notImported.push({ what: `“${name}”`, why: `Keyflow sends ${HTTP_METHODS.join(', ')} requests, not ${method}.` });
      return [];
    }
    let auth: DraftRequest['auth'] = NO_AUTH;
    if (request.oauth2Bearer) auth = { kind: 'bearer', token: withVariables(textOf(request.oauth2Bearer)) };
    else if (url.auth) {
      if (request.authType === 'basic') auth = { kind: 'basic', username: withVariables(textOf(url.auth[0])), password: withVariables(textOf(url.auth[1])) };
      else notImported.push({ what: `${request.authType} authentication of “${name}”`, why: 'Keyflow sends Basic, Bearer and API key authentication only.' });
    }
    const query = (url.queryList ?? []).map(([key, value]): DraftPair => ({ key: textOf(key), value: withVariables(textOf(value)), enabled: true }));
    return [
      {
        name,
        group: '',
        method: method as HttpMethod,
        url: withVariables(url.queryList ? address : textOf(url.url)),
        query: url.queryList ? query : [],
        headers,
        body: bodyOf(request, contentType, notImported, name),
        auth,
      },
    ];
  });
}

/** Docs often print a prompt: "$ curl …". */
function withoutPrompts(text: string): string {
  return text.replace(/^[ \t]*[$>][ \t]+(?=curl\b)/gm, '');
}

export async function importCurl(source: ImportSource): Promise<DraftImport> {
  if (!/\bcurl\b/.test(source.text)) throw importError(`${describeSource(source)} holds no curl command. Paste one that starts with “curl”.`);
  await loadBashParser();
  const warnings: [string, string][] = [];
  const notImported: NotImported[] = [];
  let parsed: CurlRequest[];
  try {
    const text = withoutPrompts(source.text);
    parsed = looksLikeCmd(text) ? cmdCommands(text).flatMap((argv) => parse(argv, undefined, warnings)) : parse(text, undefined, warnings);
  } catch (error) {
    throw importError(`${describeSource(source)} is not a cURL command curl would accept: ${scrubbed(error instanceof Error ? error.message : String(error))}.`);
  }
  if (parsed.length === 0) throw importError(`${describeSource(source)} holds no curl command. Paste one that starts with “curl”.`);
  const requests = parsed.flatMap((request) => requestsOf(request, notImported));
  const variables = new Set(requests.flatMap((request) => JSON.stringify(request).match(/"variable":"[^"]+"/g) ?? []));
  const host = requests[0] ? /^[a-z]+ ([^/]*)/i.exec(requests[0].name)?.[1] : undefined;
  return {
    title: host ? `cURL: ${host}` : 'cURL',
    workflows: [{ name: host ? `cURL: ${host}` : 'cURL', requests }],
    variables: [],
    notImported,
    warnings: [
      ...warnings.slice(0, 5).map(([, message]) => scrubbed(message)),
      ...(variables.size > 0
        ? [
            `The command uses shell variables (${[...variables].map((v) => `$${v.slice(12, -1)}`).join(', ')}): each becomes a Keyflow variable of that name (or the key of that name, when the workspace has one); give each a value in Environments.`,
          ]
        : []),
    ],
  };
}
