/**
 * The forms a secret's value commonly takes once it leaves the vault: raw, and its
 * encodings. The development tripwire looks for all of them in bridge responses.
 */
export const MIN_MASKABLE_LENGTH = 8;

function base64Variants(bytes: Buffer): string[] {
  const b64 = bytes.toString('base64').replace(/=+$/, '');
  const b64url = bytes.toString('base64url');
  return [b64, b64url];
}

export function secretVariants(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const json = JSON.stringify(value).slice(1, -1);
  const variants = new Set<string>([
    value,
    json,
    encodeURIComponent(value),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    ...base64Variants(bytes),
  ]);
  for (const line of value.split(/\r?\n/)) if (line.length >= MIN_MASKABLE_LENGTH) variants.add(line);
  return [...variants].filter((variant) => variant.length >= MIN_MASKABLE_LENGTH);
}
