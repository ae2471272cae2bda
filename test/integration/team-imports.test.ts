/**
 * An import into a team workspace goes through the workspace's own stores: its key and
 * workflow are signed into the shared file like any change, reach another member, and run
 * for them; the file holds the key's value sealed, never the token; a Viewer can't import.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { converge, createTeam, invite, person, type Person } from '../support/team';
import { tempDir } from '../support/host-process';

let echo: EchoServer;
const people: Person[] = [];
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
afterEach(async () => {
  for (const p of people.splice(0)) await p.core.close();
});

describe('importing into a team workspace', () => {
  it('signs the imported key and workflow into the shared file; another member runs it; the file never holds the token', async () => {
    const root = tempDir('team-imports');
    const [ann, bob, cy] = await Promise.all([person('Ann', root), person('Bob', root), person('Cy', root)]);
    people.push(ann, bob, cy);
    const sync = await createTeam(ann);
    await invite(ann, bob, 'editor', sync);
    await invite(ann, cy, 'viewer', sync);

    const token = 'Zx9Qm2Lp7Vt4Kw8Rj3Nd6Hb1Yc5Tm';
    const source = { format: 'curl' as const, text: `curl ${echo.url}/hook -H "Authorization: Bearer ${token}"` };
    const viewer = await cy.fail('imports.commit', { source, decisions: { credentials: [] } });
    expect(viewer.code).toBe('forbidden');

    const outcome = await bob.call('imports.commit', { source, decisions: { credentials: [{ id: 'c1', action: 'key', name: 'Hook token' }] } });
    await converge([ann, bob, cy], sync);
    expect(readFileSync(sync.pathFor(ann), 'utf8')).not.toContain(token);

    const workflows = await ann.call('workflows.list', {});
    expect(workflows.map((w) => w.id)).toEqual([outcome.workflows[0]!.id]);
    expect((await ann.call('secrets.list', {})).map((k) => [k.name, k.createdBy])).toEqual([['Hook token', 'Bob']]);
    const started = await ann.call('runs.start', { workflowId: outcome.workflows[0]!.id });
    await expect.poll(async () => (await ann.call('runs.get', { id: started.id })).status).toBe('ok');
    expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${token}`);
  });
});
