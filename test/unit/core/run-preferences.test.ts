/** The environment a workflow last ran in (issue 10: every run sets it, so an unchanged one must cost no write). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { RunPreferences } from '../../../electron/core/environments/run-preferences';
import { tempDir } from '../../support/host-process';

describe('run preferences', () => {
  it('keep the last environment per workflow, and setting the same one again changes no row', () => {
    const db = openDatabase(join(tempDir('preferences'), 'keyflow.db'));
    try {
      db.prepare("INSERT INTO workspaces (id, name, kind, created_at) VALUES ('ws_1', 'Personal', 'personal', '2026-01-01T00:00:00.000Z')").run();
      const preferences = new RunPreferences(db, 'ws_1');
      const changes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
      expect(preferences.get('wf_1')).toBeNull();
      preferences.set('wf_1', 'env_a');
      const afterFirst = changes();
      preferences.set('wf_1', 'env_a');
      expect(changes()).toBe(afterFirst);
      expect(preferences.get('wf_1')).toBe('env_a');
      preferences.set('wf_1', 'env_b');
      expect(changes()).toBe(afterFirst + 1);
      expect(preferences.get('wf_1')).toBe('env_b');
      expect(preferences.get('wf_2')).toBeNull();
    } finally {
      db.close();
    }
  });
});
