/**
 * The import graph of `src/`, read with the TypeScript compiler's own import scanner: no
 * module may import itself through others (a cycle), and nothing outside `commands/` may
 * import a command module, except `cli.ts`, which dispatches to the commands.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** Module (path below src/, e.g. `diff/report.ts`) → the modules of src/ it imports. */
export function importGraph(root: string): Map<string, string[]> {
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => f.split(path.sep).join('/')).sort();
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true);
    const targets = info.importedFiles
      .map((i) => i.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
    graph.set(file, [...new Set(targets)].sort());
  }
  return graph;
}

/** Every cycle, each as the path of modules that closes it (strongly connected components of size > 1, or self-imports). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** Imports of `commands/` from modules outside it, but the CLI (which dispatches to the commands). */
export function commandImports(graph: Map<string, string[]>): string[] {
  return [...graph].flatMap(([from, to]) =>
    from.startsWith('commands/') || from === 'cli.ts' ? [] : to.filter((t) => t.startsWith('commands/')).map((t) => `${from} → ${t}`));
}

describe('the import graph of src/', () => {
  const graph = importGraph(SRC);

  it('reads every module and its imports', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('cli.ts')).toContain('commands/build.ts');
    // Every import points at a module that exists.
    const missing = [...graph].flatMap(([from, to]) => to.filter((t) => !graph.has(t)).map((t) => `${from} → ${t}`));
    expect(missing).toEqual([]);
  });

  it('has no cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no import of commands/ from outside it (but the CLI that dispatches)', () => {
    expect(commandImports(graph)).toEqual([]);
  });

  it('the cycle finder finds cycles and the commands rule finds offenders (on a made-up graph)', () => {
    const made = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['d.ts']], ['e.ts', ['a.ts']]]);
    expect(cycles(made)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
    const withCommand = new Map([['cli.ts', ['commands/x.ts']], ['commands/x.ts', ['commands/y.ts']], ['commands/y.ts', []], ['serve/s.ts', ['commands/x.ts']]]);
    expect(commandImports(withCommand)).toEqual(['serve/s.ts → commands/x.ts']);
  });
});
