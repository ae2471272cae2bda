/**
 * A field's label as it reads inside a sentence: "Header Authorization" → "the
 * Authorization header", "Variable token" → "the token variable", "URL" → "the URL field".
 */
export function fieldPhrase(label: string): string {
  const row = /^(Header|Query parameter|Variable|Form field) (.+)$/.exec(label);
  if (row) return `the ${row[2]} ${row[1]!.toLowerCase()}`;
  return `the ${label} field`;
}
