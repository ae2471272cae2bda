import { fieldLabel } from '../../../../shared/model/actions';
import type { Step } from '../../../../shared/model/workflow';

const PATH = /"?\b(?:definition\.)?steps\.(\d+)((?:\.[\w$]+)*)"?/;

/**
 * Main's refusal of a save, with the step path it quotes ("definition.steps.0.config.url")
 * put as people read it (Step 1 “Fetch user” › URL). The rest of main's message is kept.
 */
export function describeSaveError(message: string, steps: readonly Step[]): string {
  return message.replace(PATH, (whole, index: string, rest: string) => {
    const step = steps[Number(index)];
    if (!step) return whole;
    const where = `Step ${Number(index) + 1} “${step.name}”`;
    const path = rest.replace(/^\./, '').replace(/^config\./, '');
    if (path === '' || path === 'config') return where;
    if (path === 'name') return `${where} › Step name`;
    const variable = /^variables\.(\d+)\.name$/.exec(path);
    if (variable) return `${where} › Variable ${Number(variable[1]) + 1} name`;
    // A template's segment ("url.2.text") is about the field ("url").
    const field = path.replace(/^((?:query|headers|variables|body\.fields)\.\d+\.value|[\w.]+?)(\.\d+(\.\w+)?)?$/, '$1');
    return `${where} › ${fieldLabel(step, field)}`;
  });
}
