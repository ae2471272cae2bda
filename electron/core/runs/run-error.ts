import type { Step } from '../../../shared/model/workflow';
import { fieldLabel } from '../../../shared/model/actions';

/** A step failed for a reason the user can fix; the message names the step and, when known, the field. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'StepError';
  }

  static inField(step: Step, index: number, field: string, problem: string): StepError {
    return new StepError(`Step ${index + 1} “${step.name}”, field ${fieldLabel(step, field)}: ${problem}`, field);
  }

  static inStep(step: Step, index: number, problem: string): StepError {
    return new StepError(`Step ${index + 1} “${step.name}”: ${problem}`);
  }
}
