/**
 * How `build` shows its progress on stderr, so stdout keeps only the summary line. On a
 * terminal: one line that updates in place (documents set / total, the one being set),
 * cleared when the build ends. In a log (stderr not a terminal, or a CI job): a few plain
 * lines – the start and 25, 50 and 75 % – never one per document. Quiet: nothing.
 */
import type { PipelineProgress } from '../pipeline/pipeline.js';

/** The part of a stream the reporter uses (`process.stderr`). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** How progress is shown. */
export type ProgressMode = 'line' | 'log' | 'none';

/** A progress display for one build. */
export interface ProgressReporter {
  /** Before the pipeline starts (the content is being checked). */
  start(): void;
  /** The pipeline's `progress` callback. */
  update(progress: PipelineProgress): void;
  /** After the pipeline: clears the updating line, before errors or the summary are printed. */
  finish(): void;
}

/** A CI job says so in `CI` (GitHub, GitLab and most others set `CI=true`). */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/** The mode for a stream: the updating line only on a terminal outside CI. */
export function progressMode(stream: ProgressStream, env: NodeJS.ProcessEnv, quiet: boolean): ProgressMode {
  if (quiet) return 'none';
  return stream.isTTY && !isCi(env) ? 'line' : 'log';
}

const MILESTONES = [75, 50, 25];

/** A reporter writing to `stream` in `mode`. */
export function progressReporter(stream: ProgressStream, mode: ProgressMode): ProgressReporter {
  if (mode === 'none') return { start: () => undefined, update: () => undefined, finish: () => undefined };
  if (mode === 'log') {
    let started = false;
    let reached = 0;
    return {
      start: () => undefined,
      update({ done, total }) {
        if (!started) {
          started = true;
          stream.write(`${total} ${total === 1 ? 'Dokument wird' : 'Dokumente werden'} gesetzt …\n`);
        }
        if (done >= total) return;
        const percent = Math.floor((done * 100) / total);
        const milestone = MILESTONES.find((m) => percent >= m) ?? 0;
        if (milestone <= reached) return;
        reached = milestone;
        stream.write(`${done} von ${total} Dokumenten gesetzt (${percent} %)\n`);
      },
      finish: () => undefined,
    };
  }
  let shown = false;
  const show = (text: string) => {
    // One column short of the width: a full line would wrap on some terminals.
    const width = Math.max(20, (stream.columns || 80) - 1);
    const fitted = [...text].length > width ? [...text].slice(0, width - 1).join('') + '…' : text;
    stream.write(`\r${fitted}\x1b[K`);
    shown = true;
  };
  return {
    start: () => show('Inhalt wird geprüft …'),
    update({ done, total, current }) {
      show(`${done} von ${total} ${total === 1 ? 'Dokument' : 'Dokumenten'} gesetzt${current ? ` – gerade: ${current}` : ''}`);
    },
    finish() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
