/**
 * A real reader for DOCX in tests: LibreOffice headless (`soffice`, Debian package
 * `libreoffice-writer-nogui`, installed by `.ci/run`) converts files in one run. Each call
 * uses its own LibreOffice profile, so parallel test files do not share one.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Converts every file (name → bytes) to `format` (`pdf`, `fodt` …); returns name → converted bytes and LibreOffice's output. */
export async function convertWithLibreOffice(files: ReadonlyMap<string, Uint8Array>, format: string): Promise<{ converted: Map<string, Buffer>; log: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-lo-'));
  try {
    const inputs: string[] = [];
    for (const [name, data] of files) {
      const file = path.join(dir, 'in', name);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, data);
      inputs.push(file);
    }
    const outDir = path.join(dir, 'out');
    const log = await run('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, ...inputs]);
    const converted = new Map<string, Buffer>();
    for (const name of files.keys()) {
      const out = path.join(outDir, `${path.basename(name).replace(/\.[^.]+$/, '')}.${format.split(':')[0]}`);
      const data = await fs.readFile(out).catch(() => undefined);
      if (data) converted.set(name, data);
    }
    return { converted, log };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (err) => reject(new Error(`${cmd} lässt sich nicht starten (${err.message}); LibreOffice installieren: apt-get install libreoffice-writer-nogui`)));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} endete mit ${code}: ${out}`))));
  });
}
