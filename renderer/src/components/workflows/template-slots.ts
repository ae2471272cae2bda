/**
 * The template field's editing model. A template (text, secret and output segments) is
 * edited as "slots": a text before, between and after every token (chip), so there is
 * always a place to type and chips stay atomic.
 *   texts.length === tokens.length + 1
 * All functions are pure.
 */
import { normalizeTemplate, type Template, type TemplateSegment } from '../../../../shared/model/template';

export type Token = Exclude<TemplateSegment, { kind: 'text' }>;

export interface Slots {
  texts: string[];
  tokens: Token[];
}

/** A caret: the text slot and the offset in it. */
export interface Caret {
  slot: number;
  offset: number;
}

export function toSlots(template: Template): Slots {
  const texts: string[] = [''];
  const tokens: Token[] = [];
  for (const segment of template) {
    if (segment.kind === 'text') texts[texts.length - 1] += segment.text;
    else {
      tokens.push(segment);
      texts.push('');
    }
  }
  return { texts, tokens };
}

export function fromSlots(slots: Slots): Template {
  const out: TemplateSegment[] = [];
  slots.texts.forEach((text, index) => {
    out.push({ kind: 'text', text });
    const token = slots.tokens[index];
    if (token) out.push(token);
  });
  return normalizeTemplate(out);
}

export function endCaret(slots: Slots): Caret {
  const slot = slots.texts.length - 1;
  return { slot, offset: slots.texts[slot]!.length };
}

function clampCaret(slots: Slots, caret: Caret | null): Caret {
  if (!caret || caret.slot < 0 || caret.slot >= slots.texts.length) return endCaret(slots);
  const text = slots.texts[caret.slot]!;
  return { slot: caret.slot, offset: Math.max(0, Math.min(caret.offset, text.length)) };
}

export function setText(slots: Slots, slot: number, text: string): Slots {
  if (slot < 0 || slot >= slots.texts.length) return slots;
  const texts = [...slots.texts];
  texts[slot] = text;
  return { texts, tokens: slots.tokens };
}

/** Splits the text at the caret (the end when there is none) and puts `token` there. The caret ends up right after it. */
export function insertToken(slots: Slots, caret: Caret | null, token: Token): { slots: Slots; caret: Caret } {
  const at = clampCaret(slots, caret);
  const text = slots.texts[at.slot]!;
  const texts = [...slots.texts.slice(0, at.slot), text.slice(0, at.offset), text.slice(at.offset), ...slots.texts.slice(at.slot + 1)];
  const tokens = [...slots.tokens.slice(0, at.slot), token, ...slots.tokens.slice(at.slot)];
  return { slots: { texts, tokens }, caret: { slot: at.slot + 1, offset: 0 } };
}

/** Removes token `index`, joining the texts around it. The caret ends up where the token was. */
export function removeToken(slots: Slots, index: number): { slots: Slots; caret: Caret } {
  if (index < 0 || index >= slots.tokens.length) return { slots, caret: endCaret(slots) };
  const before = slots.texts[index]!;
  const after = slots.texts[index + 1]!;
  const texts = [...slots.texts.slice(0, index), before + after, ...slots.texts.slice(index + 2)];
  const tokens = [...slots.tokens.slice(0, index), ...slots.tokens.slice(index + 1)];
  return { slots: { texts, tokens }, caret: { slot: index, offset: before.length } };
}

export function replaceToken(slots: Slots, index: number, token: Token): Slots {
  if (index < 0 || index >= slots.tokens.length) return slots;
  const tokens = [...slots.tokens];
  tokens[index] = token;
  return { texts: slots.texts, tokens };
}

/** Inserts `token` into a template at a caret given in slot terms: the whole edit in one call. */
export function insertIntoTemplate(template: Template, caret: Caret | null, token: Token): { template: Template; caret: Caret } {
  const result = insertToken(toSlots(template), caret, token);
  return { template: fromSlots(result.slots), caret: result.caret };
}
