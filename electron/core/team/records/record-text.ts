import { recordSchema, type SignedRecord } from './signed-records';

/** A record version from its text, or null when it isn't one. */
export function parseRecordText(text: string): SignedRecord | null {
  try {
    const parsed = recordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
