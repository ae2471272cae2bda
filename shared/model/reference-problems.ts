/**
 * What can be wrong with a reference in a step's field — to a secret key, or to an earlier
 * step's output — written once: the editor's chips and step badges show it, and the runner
 * refuses a step with it before anything is sent. Each side words it for where it is shown.
 */
import { acceptedSecretType } from './actions';
import type { ActionId } from './workflow';
import type { SecretMeta, SecretType } from './secret';
import { outputPathProblem } from './template';

export type SecretReferenceProblem =
  /** No key has that id (as far as this person can tell). */
  | { kind: 'deleted' }
  /** A key this person can't see. */
  | { kind: 'restricted' }
  /** A key this person sees but may not use. */
  | { kind: 'no-use'; secret: SecretMeta }
  | { kind: 'wrong-type'; secret: SecretMeta; accepted: SecretType }
  /** A key in a Run Code variable that is not Readable by Run Code. */
  | { kind: 'unreadable-by-code'; secret: SecretMeta };

/** `restricted`: the id is one of a key hidden from this person (the list leaves those out). */
export function secretReferenceProblem(action: ActionId, field: string, secret: SecretMeta | undefined, restricted = false): SecretReferenceProblem | null {
  if (!secret) return { kind: restricted ? 'restricted' : 'deleted' };
  if (!secret.rights.use) return secret.rights.see ? { kind: 'no-use', secret } : { kind: 'restricted' };
  const accepted = acceptedSecretType(action, field);
  if (secret.type !== accepted) return { kind: 'wrong-type', secret, accepted };
  if (action === 'code.run' && !secret.readableByRunCode) return { kind: 'unreadable-by-code', secret };
  return null;
}

export type OutputReferenceProblem = { kind: 'deleted-step' } | { kind: 'later-step'; stepName: string } | { kind: 'bad-path'; message: string };

/** A reference from the step at `index` of `steps` to the output of the step `stepId`, at `path`. */
export function outputReferenceProblem(steps: readonly { id: string; name: string }[], index: number, stepId: string, path: string): OutputReferenceProblem | null {
  const at = steps.findIndex((step) => step.id === stepId);
  if (at === -1) return { kind: 'deleted-step' };
  if (at >= index) return { kind: 'later-step', stepName: steps[at]!.name };
  const message = outputPathProblem(path);
  return message ? { kind: 'bad-path', message } : null;
}
