import { secretVariants } from './secret-variants';
import { Automaton } from './automaton';
import { RedactionStream } from './redaction-stream';

export interface MaskableSecret {
  name: string;
  value: string;
}

const MASK_NAME_MAX = 40;

/**
 * The text that replaces a secret: `***REDACTED-<name>***`, the name reduced to ASCII letters
 * and digits joined by '-' (accents dropped). Every character of it is inert wherever the
 * mask lands — inside a JSON string, HTML, any part of a URL (host included), a header name
 * or value — so a key's name can never change the structure of what it is put into.
 */
export function maskFor(secretName: string): string {
  const slug = secretName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .slice(0, MASK_NAME_MAX)
    .replace(/^-+|-+$/g, '');
  return slug ? `***REDACTED-${slug}***` : '***REDACTED***';
}

/**
 * The one redactor every string leaving a run goes through. It masks each secret of the
 * workspace in every form secretVariants lists (raw, encoded, each line) with its mask;
 * overlapping matches merge into one mask, named after the leftmost (then longest) match.
 * Values too short to mask (isTooShortToMask in shared/model/secret) are left alone.
 * Building compiles one automaton over all variants of all secrets; redacting then costs
 * time proportional to the text, whatever the number of secrets.
 */
export class Redactor {
  private readonly automaton: Automaton;
  private readonly masks: readonly string[];

  constructor(secrets: readonly MaskableSecret[]) {
    this.automaton = new Automaton(secrets.flatMap((secret, owner) => secretVariants(secret.value).map((text) => ({ text, owner }))));
    // A name that spells a secret (its own value, say) would put it back: such a mask names no one.
    this.masks = secrets.map((secret) => {
      const mask = maskFor(secret.name);
      let spellsSecret = false;
      this.automaton.scan(mask, 0, mask.length, 0, () => (spellsSecret = true));
      return spellsSecret ? maskFor('') : mask;
    });
  }

  /** Code units a stream may hold back: what `truncate` needs to see past a cut. */
  get lookahead(): number {
    return Math.max(0, this.automaton.longestPattern - 1);
  }

  redact(text: string): string {
    return this.createStream().flush(text);
  }

  /** The first `length` code units of `text`, redacted, with a secret that straddles the cut masked whole. */
  redactPrefix(text: string, length: number): string {
    const stream = this.createStream();
    return stream.push(text.slice(0, length)) + stream.truncate(text.slice(length, length + this.lookahead));
  }

  /** For text that arrives in chunks (process output, response bodies). */
  createStream(): RedactionStream {
    return new RedactionStream(this.automaton, this.masks);
  }
}
