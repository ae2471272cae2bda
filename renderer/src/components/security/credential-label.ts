/** How a detected credential is named on screen: its kind, and the last characters a masked key would show. */
export function credentialLabel(ruleName: string, hint: string | null): string {
  return hint ? `${ruleName} ending in ${hint}` : ruleName;
}
