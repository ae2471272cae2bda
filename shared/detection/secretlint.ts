/**
 * secretlint's recommended rules, run directly and synchronously on one text.
 *
 * We don't use @secretlint/core: it is asynchronous per call, and its profiler keeps every
 * performance mark it ever made (fine for a one-shot CLI, a leak in an app that checks
 * every keystroke). The rules themselves only need a context to report to. Their report
 * messages quote the credential, so only the rule, the message id and the range are kept.
 */
import { rules as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintRuleContext, SecretLintRuleCreator, SecretLintSourceCode } from '@secretlint/types';

export interface SecretlintMatch {
  /** e.g. "@secretlint/secretlint-rule-github:GITHUB_TOKEN" */
  ruleId: string;
  start: number;
  end: number;
}

// The comment filter acts on `secretlint-disable` comments in source files, which request fields don't have.
const SKIPPED = new Set(['@secretlint/secretlint-rule-filter-comments']);

let found: SecretlintMatch[] = [];

function contextFor(ruleId: string): SecretLintRuleContext {
  return {
    sharedOptions: {},
    createTranslator: () => ((messageId: string) => ({ message: '', messageId, data: {} })) as unknown as ReturnType<SecretLintRuleContext['createTranslator']>,
    report: (descriptor: { message: { messageId: string }; range: readonly [number, number] }) => {
      found.push({ ruleId: `${ruleId}:${descriptor.message.messageId}`, start: descriptor.range[0], end: descriptor.range[1] });
    },
    ignore: () => undefined,
  } as unknown as SecretLintRuleContext;
}

type FileHandler = (source: SecretLintSourceCode) => unknown;

const handlers: FileHandler[] = (recommendedRules as unknown as SecretLintRuleCreator[])
  .filter((rule) => !SKIPPED.has(rule.meta.id))
  .flatMap((rule) => {
    const file = rule.create(contextFor(rule.meta.id), {}).file as FileHandler | undefined;
    return file ? [file] : [];
  });

/** Every match of the recommended rules in `text`. */
export function secretlintMatches(text: string): SecretlintMatch[] {
  found = [];
  const source = { content: text, ext: '.txt', contentType: 'text' } as unknown as SecretLintSourceCode;
  // With a text file's extension every handler is synchronous (only the GCP rule's .json/.p12 checks await).
  for (const file of handlers) void file(source);
  const matches = found;
  found = [];
  return matches;
}
