/**
 * Reads a response body as text and redacts it: decoded by its BOM or declared charset
 * (not assumed UTF-8, which would leave a UTF-16 secret as characters with NULs between
 * them), redacted as it streams in, and cut after redacting: when the body is longer than
 * it may keep, the text past the cut is read far enough to finish any secret that straddles
 * the cut, which is then masked whole.
 */
import { redactDeep, type RunRedactor } from './run-redactor';

export interface ReadBody {
  body: string;
  /** Bytes kept (at most `capBytes`). */
  bytes: number;
  truncated: boolean;
}

/** The charset a Content-Type declares, when TextDecoder knows it. */
function declaredEncoding(contentType: string | undefined): string {
  const label = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  if (!label) return 'utf-8';
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return 'utf-8';
  }
}

/** A byte order mark decides, as in browsers; otherwise the declared charset. */
function sniffEncoding(head: Uint8Array, declared: string): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return declared;
}

export async function readResponseBody(chunks: AsyncIterable<Buffer>, contentType: string | undefined, capBytes: number, redactor: RunRedactor): Promise<ReadBody> {
  const declared = declaredEncoding(contentType);
  const stream = redactor.createStream();
  let decoder: TextDecoder | undefined;
  let head: Buffer = Buffer.alloc(0);
  let text = '';
  let bytes = 0;
  // Set once the cap is reached: the decoded text past the cut, read only to finish a straddling secret.
  let beyond: string | null = null;

  const decode = (bytesIn: Uint8Array, final = false) => {
    decoder ??= new TextDecoder(sniffEncoding(head, declared));
    return decoder.decode(bytesIn, { stream: !final });
  };

  const iterator = chunks[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      let chunk: Buffer = next.value;
      if (decoder === undefined && head.length + chunk.length < 3) {
        head = Buffer.concat([head, chunk]);
        continue; // not enough to sniff a BOM yet
      }
      if (decoder === undefined) {
        chunk = Buffer.concat([head, chunk]);
        head = chunk.subarray(0, 3);
      }
      if (beyond === null) {
        const room = capBytes - bytes;
        const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
        bytes += kept.length;
        text += stream.push(decode(kept));
        if (chunk.length <= room) continue;
        beyond = decode(chunk.subarray(room));
      } else {
        beyond += decode(chunk);
      }
      if (beyond.length >= redactor.lookahead) break;
    }
  } finally {
    await iterator.return?.();
  }
  if (decoder === undefined && head.length > 0) {
    bytes = Math.min(head.length, capBytes);
    text += stream.push(decode(head.subarray(0, bytes)));
    if (head.length > capBytes) beyond = decode(head.subarray(capBytes));
  }
  if (beyond !== null) return { body: text + stream.truncate(beyond + (decoder?.decode() ?? '')), bytes, truncated: true };
  text += stream.push(decoder?.decode() ?? '');
  return { body: text + stream.flush(), bytes, truncated: false };
}

/**
 * A body as a step's output: a JSON body as data, every string of it (keys included)
 * redacted again — parsing decodes escapes (\u0073…) the text hid from the redactor.
 */
export function bodyAsOutput(body: string, headers: readonly [string, string][], truncated: boolean, redactor: RunRedactor): unknown {
  const type = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (!truncated && /\bjson\b/i.test(type)) {
    try {
      return redactDeep(JSON.parse(body), redactor);
    } catch {
      return body;
    }
  }
  return body;
}
