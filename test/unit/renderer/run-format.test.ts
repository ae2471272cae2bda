import { describe, expect, it } from 'vitest';
import { finishAnnouncement, jsonOf, runFacts } from '../../../renderer/src/components/runs/run-format';
import { fieldPhrase } from '../../../renderer/src/format/field-phrase';
import type { Run } from '../../../shared/model/run';

describe('the run view’s words and forms', () => {
  it('draws JSON objects and arrays as trees, and anything else (or anything huge) as text', () => {
    expect(jsonOf('{"ok":true}')).toEqual({ value: { ok: true } });
    expect(jsonOf('  [1, 2]')).toEqual({ value: [1, 2] });
    expect(jsonOf('"a string"')).toBeNull();
    expect(jsonOf('{"cut": ')).toBeNull();
    expect(jsonOf('***REDACTED-Token***')).toBeNull();
    expect(jsonOf(`[${'1,'.repeat(200_000)}1]`)).toBeNull();
  });

  it('says how a run ended, in words', () => {
    const step = (status: Run['steps'][0]['status'], stepName = 'Call API') => ({
      stepId: stepName,
      stepName,
      action: 'http.request' as const,
      status,
      startedAt: null,
      durationMs: null,
      logs: [],
    });
    const run = (status: Run['status'], steps: Run['steps']): Run => ({
      id: 'r',
      workflowId: 'w',
      workflowName: 'W',
      status,
      trigger: 'app',
      startedAt: '',
      finishedAt: null,
      steps,
    });
    expect(finishAnnouncement(run('ok', [step('ok')]))).toBe('Run finished: 1 step OK');
    expect(finishAnnouncement(run('ok', [step('ok'), step('ok', 'B')]))).toBe('Run finished: all 2 steps OK');
    expect(finishAnnouncement(run('failed', [step('ok'), step('failed', 'Post'), step('skipped', 'C')]))).toBe('Run failed at step 2 “Post”');
    expect(finishAnnouncement(run('cancelled', [step('cancelled')]))).toBe('Run cancelled');
    expect(runFacts({ durationMs: 1250, trigger: 'cli', failedStep: { index: 0, name: 'Fetch' } })).toBe('took 1.3 s · from the command line · failed at step 1 “Fetch”');
    expect(runFacts({ durationMs: null, trigger: 'app', failedStep: null })).toBe('running · from the app');
    expect(runFacts({ durationMs: 40, trigger: 'app', failedStep: null, environment: { id: 'env_1', name: 'Staging' } })).toBe('took 40 ms · in Staging · from the app');
  });

  it('names fields inside a sentence', () => {
    expect(fieldPhrase('Header Authorization')).toBe('the Authorization header');
    expect(fieldPhrase('Variable token')).toBe('the token variable');
    expect(fieldPhrase('Query parameter page')).toBe('the page query parameter');
    expect(fieldPhrase('URL')).toBe('the URL field');
  });
});
