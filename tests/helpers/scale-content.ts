/** The scaled-content generator lives with the benchmark; tests use the same one. */
export { generateScaledContent } from '../../bench/generate.js';
