/** "Readable by Run Code" in a team: only who may manage a key changes it (issue 10, finding 4). */
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/host-process';
import { createTeam, invite, person, type Person } from '../support/team';
import { codeStep, definition, s } from '../support/steps';

const people: Person[] = [];
afterEach(async () => {
  for (const p of people.splice(0)) await p.core.close();
});

describe('Readable by Run Code in a team workspace', () => {
  it('refuses an Editor with Use on a Hidden key both the setting and reading it in code', async () => {
    const root = tempDir('readable');
    const ann = await person('Ann', root);
    const bob = await person('Bob', root);
    people.push(ann, bob);
    const sync = await createTeam(ann);
    await invite(ann, bob, 'editor', sync);
    const key = await ann.call('secrets.create', { name: 'Payroll', value: 'payroll-secret-0123456789', visibility: 'hidden' });
    await ann.call('workspaces.sync', {});
    sync.deliver(ann, bob);
    await bob.call('workspaces.sync', {});

    const seen = (await bob.call('secrets.list', {})).find((secret) => secret.id === key.id)!;
    expect(seen.rights).toEqual({ see: true, use: true, manage: false });
    const refused = await bob.fail('secrets.setReadableByRunCode', { id: key.id, readable: true });
    expect(refused).toMatchObject({ code: 'forbidden' });

    const workflow = await bob.call('workflows.create', { name: 'Read payroll' });
    await bob.call('workflows.save', {
      id: workflow.id,
      name: workflow.name,
      definition: definition(codeStep('Read it', 'return input.key.split("");', [{ name: 'key', value: s(key.id) }])),
    });
    const run = await bob.core.runWorkflow(workflow.id);
    expect(run.status).toBe('failed');
    expect(run.steps[0]!.error!.message).toContain('Run Code may not read the secret key “Payroll”. Ask its owner or an Admin to turn on “Readable by Run Code”');
    expect(JSON.stringify(run)).not.toContain('payroll-secret');
  });
});
