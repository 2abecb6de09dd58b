/**
 * The one registry of helpers. Every module in `helpers/builtin/` default-exports one
 * helper (`defineHelper`) and is found by reading that folder, so adding a helper is adding
 * one file. Other code (a test, a city's extension) registers a helper with `register`.
 */
import { readdirSync } from 'node:fs';
import type { HelperDefinition } from './define.js';

const NAME = /^[a-zäöüß][a-zäöüß0-9_-]*$/;

export class HelperRegistry {
  private readonly byName = new Map<string, HelperDefinition>();

  /** Adds a helper; a second helper of the same name is a programming error. */
  register(def: HelperDefinition): void {
    if (!NAME.test(def.name)) throw new Error(`helper name ${JSON.stringify(def.name)} must be lowercase letters, digits, - or _`);
    if (this.byName.has(def.name)) throw new Error(`helper ${def.name} is registered twice`);
    this.byName.set(def.name, def);
  }

  /** Removes a helper (tests that register their own). */
  unregister(name: string): void {
    this.byName.delete(name);
  }

  get(name: string): HelperDefinition | undefined {
    return this.byName.get(name);
  }

  /** Every helper, by name. */
  all(): HelperDefinition[] {
    return [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  names(): string[] {
    return this.all().map((h) => h.name);
  }
}

/** The registry every command uses. */
export const helpers = new HelperRegistry();

let loading: Promise<HelperRegistry> | undefined;

/**
 * Loads the built-in helpers once (idempotent). Their modules import the document builder,
 * so they are loaded at run time rather than imported here: the registry itself stays a
 * leaf that the rules and the builder can import.
 */
export function loadHelpers(): Promise<HelperRegistry> {
  loading ??= (async () => {
    const dir = new URL('./builtin/', import.meta.url);
    const files = readdirSync(dir).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
    const modules = await Promise.all(files.map((f) => import(new URL(f, dir).href) as Promise<{ default?: HelperDefinition }>));
    modules.forEach((m, i) => {
      if (!m.default) throw new Error(`helpers/builtin/${files[i]} has no default export (defineHelper)`);
      helpers.register(m.default);
    });
    return helpers;
  })();
  return loading;
}
