/**
 * The suite's own Bergkamen project (a copy of the example as it was when the tests were
 * written). Tests read these, never the repository's `content/` and `templates/`: a city
 * replaces those with its own, and the suite must stay green.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The fixture project folder (holds `content/` and `templates/`). */
export const FIXTURE_PROJECT = path.join(ROOT, 'tests/fixtures/bergkamen');
/** The fixture's content folder. */
export const FIXTURE_CONTENT = path.join(FIXTURE_PROJECT, 'content');
/** The fixture's templates folder. */
export const FIXTURE_TEMPLATES = path.join(FIXTURE_PROJECT, 'templates');

/**
 * The suite's own second city (a copy of examples/neckarweil: a Baden-Württemberg style form
 * with checklists, declared fields and page furniture far from Bergkamen's).
 */
export const NECKARWEIL_PROJECT = path.join(ROOT, 'tests/fixtures/neckarweil');
export const NECKARWEIL_CONTENT = path.join(NECKARWEIL_PROJECT, 'content');
export const NECKARWEIL_TEMPLATES = path.join(NECKARWEIL_PROJECT, 'templates');
