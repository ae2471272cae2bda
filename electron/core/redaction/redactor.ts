import { secretVariants } from './secret-variants';
import { Automaton } from './automaton';
import { RedactionStream } from './redaction-stream';

export interface MaskableSecret {
  name: string;
  value: string;
}

export const maskFor = (secretName: string): string => `[REDACTED:${secretName}]`;

/**
 * The one redactor every string leaving a run goes through. It masks each secret of the
 * workspace in every form secretVariants lists (raw, encoded, each line) with
 * `[REDACTED:<name>]`; overlapping matches merge into one mask, named after the leftmost
 * (then longest) match. Values too short to mask (isTooShortToMask in shared/model/secret) are left alone.
 * Building compiles one automaton over all variants of all secrets; redacting then costs
 * time proportional to the text, whatever the number of secrets.
 */
export class Redactor {
  private readonly automaton: Automaton;
  private readonly masks: readonly string[];

  constructor(secrets: readonly MaskableSecret[]) {
    this.masks = secrets.map((secret) => maskFor(secret.name));
    this.automaton = new Automaton(
      secrets.flatMap((secret, owner) => secretVariants(secret.value).map((text) => ({ text, owner }))),
    );
  }

  redact(text: string): string {
    return this.createStream().flush(text);
  }

  /** For text that arrives in chunks (process output, response bodies). */
  createStream(): RedactionStream {
    return new RedactionStream(this.automaton, this.masks);
  }
}
