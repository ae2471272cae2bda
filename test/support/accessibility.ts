/** Accessibility checks with axe-core, measured on what the user sees once motion has settled. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * Waits until every finite animation and transition on the page has finished. Colour
 * contrast measured mid-fade reads a half-transparent dialog, and on a busy machine a
 * 140 ms fade can last long enough for axe to catch it; infinite ones (a spinner) never end.
 */
export async function motionSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (;;) {
      const running = document.getAnimations().filter((animation) => animation.playState !== 'finished' && animation.effect?.getTiming().iterations !== Infinity);
      if (running.length === 0) return;
      await Promise.all(running.map((animation) => animation.finished.catch(() => undefined)));
    }
  });
}

/** Serious and critical axe violations, one line each, after motion has settled. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await motionSettled(page);
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
