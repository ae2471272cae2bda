/**
 * Workflows: a trigger and an ordered list of steps. Each step is an action with its
 * configuration; every value field is a Template (see template.ts).
 */
import { z } from 'zod';
import { templateSchema, type Template } from './template';
import { FINGERPRINT_PATTERN } from '../detection/fingerprint';

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');

export const keyValueSchema = z.object({ key: z.string().max(200), value: templateSchema, enabled: z.boolean() }).strict();

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const httpRequestConfigSchema = z
  .object({
    method: z.enum(HTTP_METHODS),
    url: templateSchema,
    query: z.array(keyValueSchema).max(100),
    headers: z.array(keyValueSchema).max(100),
    body: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('none') }).strict(),
      z.object({ kind: z.literal('json'), text: templateSchema }).strict(),
      z.object({ kind: z.literal('text'), text: templateSchema, contentType: z.string().max(200) }).strict(),
      z.object({ kind: z.literal('form'), fields: z.array(keyValueSchema).max(100) }).strict(),
    ]),
    auth: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('none') }).strict(),
      z.object({ kind: z.literal('bearer'), token: templateSchema }).strict(),
      z.object({ kind: z.literal('basic'), username: templateSchema, password: templateSchema }).strict(),
      z.object({ kind: z.literal('api-key'), in: z.enum(['header', 'query']), name: z.string().min(1).max(200), value: templateSchema }).strict(),
    ]),
    timeoutMs: z.number().int().min(100).max(300_000),
  })
  .strict();

export const runCodeConfigSchema = z
  .object({
    code: z.string().max(100_000),
    variables: z
      .array(
        z
          .object({
            name: z
              .string()
              .regex(/^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/, 'must be a JavaScript identifier')
              .refine((name) => name !== 'steps', "is reserved: input.steps holds the previous steps' outputs"),
            value: templateSchema,
          })
          .strict(),
      )
      .max(50),
    timeoutMs: z.number().int().min(100).max(60_000),
    memoryLimitMb: z.number().int().min(8).max(512),
  })
  .strict();

export const sendgridConfigSchema = z.object({ apiKey: templateSchema, from: templateSchema, to: templateSchema, subject: templateSchema, text: templateSchema }).strict();
export const slackConfigSchema = z.object({ token: templateSchema, channel: templateSchema, text: templateSchema }).strict();
export const mailgunConfigSchema = z
  .object({ apiKey: templateSchema, domain: templateSchema, from: templateSchema, to: templateSchema, subject: templateSchema, text: templateSchema })
  .strict();

const step = <A extends string, C extends z.ZodType>(action: A, config: C) =>
  z
    .object({
      id: idSchema,
      name: z.string().trim().min(1).max(100),
      action: z.literal(action),
      config,
      /** Literal credentials (by fingerprint) the user chose to keep as plain text in this step. */
      plainText: z.array(z.string().regex(FINGERPRINT_PATTERN)).max(100).optional(),
    })
    .strict();

export const stepSchema = z.discriminatedUnion('action', [
  step('http.request', httpRequestConfigSchema),
  step('code.run', runCodeConfigSchema),
  step('sendgrid.sendEmail', sendgridConfigSchema),
  step('slack.postMessage', slackConfigSchema),
  step('mailgun.sendMessage', mailgunConfigSchema),
]);

export const workflowDefinitionSchema = z
  .object({
    trigger: z.object({ kind: z.literal('manual') }).strict(),
    steps: z.array(stepSchema).max(100),
  })
  .strict();

export type HttpRequestConfig = z.infer<typeof httpRequestConfigSchema>;
export type RunCodeConfig = z.infer<typeof runCodeConfigSchema>;
export type Step = z.infer<typeof stepSchema>;
export type ActionId = Step['action'];
export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;

export interface WorkflowSummary {
  id: string;
  name: string;
  stepCount: number;
  updatedAt: string;
  /** Secret references whose secret no longer exists: the workflow needs reconfiguration. */
  brokenReferences: number;
  lastRun: { status: RunStatus; at: string } | null;
}

export interface Workflow extends WorkflowDefinition {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export type RunStatus = 'pending' | 'running' | 'ok' | 'failed' | 'cancelled';

/** Walks every template of a step with the field path it sits at (e.g. "headers.1.value"). */
export function templatesOf(step: Step): { field: string; template: Template }[] {
  const found: { field: string; template: Template }[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (Array.isArray(node)) {
      if (
        node.length > 0 &&
        node.every((item) => item && typeof item === 'object' && 'kind' in item && ['text', 'secret', 'variable', 'output'].includes((item as { kind: string }).kind))
      ) {
        found.push({ field: path.join('.'), template: node as Template });
        return;
      }
      node.forEach((item, index) => walk(item, [...path, String(index)]));
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
    }
  };
  walk(step.config, []);
  return found;
}
