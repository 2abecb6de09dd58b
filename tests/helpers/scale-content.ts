/** The scaled-content generator lives with the benchmark; tests use the same one, on their own fixture. */
import { generateScaledContent as generate, type ScaleOptions } from '../../bench/generate.js';
import { FIXTURE_CONTENT } from './fixtures.js';

/** `factor` × the suite's Bergkamen fixture (never the repository's `content/`, which a city replaces). */
export function generateScaledContent(factor: number, dir: string, options: ScaleOptions = {}): Promise<void> {
  return generate(factor, dir, { source: FIXTURE_CONTENT, ...options });
}
