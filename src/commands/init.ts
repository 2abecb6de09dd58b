/**
 * `ratsdoc init ORDNER`: a city's own project without forking ratsdoc: `content/` with one
 * commented Vorlage, `templates/` with the built-in form spelled out and commented, a
 * `package.json` that depends on ratsdoc, `.gitignore` and a short German README. The files
 * come from `defaults/init/` of the package; nothing is written into a folder that has files.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BUILTIN_TEMPLATES } from '../theme/load.js';
import { VERSION } from '../version.js';

/** The skeleton of a new project inside the package. */
const SKELETON = path.join(BUILTIN_TEMPLATES, 'init');

/** `ratsdoc init`: exit 0 on success, 1 if the folder is not empty or cannot be written. */
export async function init(opts: { dir: string; quiet?: boolean }): Promise<number> {
  const target = path.resolve(opts.dir);
  const existing = await fs.readdir(target).catch(() => null);
  if (existing && existing.length) {
    process.stderr.write(`ratsdoc: Der Ordner „${opts.dir}“ ist nicht leer; „ratsdoc init“ legt nur neue Projekte an und überschreibt nichts.\n`);
    return 1;
  }
  try {
    await fs.mkdir(target, { recursive: true });
    await fs.cp(SKELETON, target, { recursive: true });
    // npm leaves `.gitignore` out of packages: the skeleton keeps it as `gitignore`.
    await fs.rename(path.join(target, 'gitignore'), path.join(target, '.gitignore'));
    const name = path.basename(target).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'ratsdoc-projekt';
    const pkg = {
      name,
      private: true,
      description: 'Ratsvorlagen als Daten in git, gesetzt mit ratsdoc',
      scripts: { check: 'ratsdoc check', build: 'ratsdoc build', serve: 'ratsdoc serve' },
      dependencies: { ratsdoc: `^${VERSION}` },
    };
    await fs.writeFile(path.join(target, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  } catch (err) {
    process.stderr.write(`ratsdoc: Der Ordner „${opts.dir}“ lässt sich nicht anlegen (Fehler ${(err as NodeJS.ErrnoException).code ?? String(err)}).\n`);
    return 1;
  }
  if (!opts.quiet) {
    process.stdout.write(
      `Neues ratsdoc-Projekt in „${opts.dir}“ angelegt.\n` +
        `Weiter mit:\n  cd ${opts.dir}\n  npm install\n  npx ratsdoc check\n  npx ratsdoc build\n`,
    );
  }
  return 0;
}
