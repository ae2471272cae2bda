import type { ActionId } from '../../shared/model/workflow';

/**
 * Settings that exist only so tests can point integration actions at a local server.
 * Honoured only when NODE_ENV is "test": a packaged app or a normal start ignores them.
 */
export function testIntegrationBaseUrl(env: NodeJS.ProcessEnv = process.env): ((action: ActionId) => string) | undefined {
  const base = env.KEYFLOW_TEST_INTEGRATION_BASE_URL;
  if (env.NODE_ENV !== 'test' || !base) return undefined;
  return () => base;
}
