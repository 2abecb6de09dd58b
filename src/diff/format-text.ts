/**
 * `--format text` (the default): a German report for the terminal. Deletions `[-…-]`,
 * insertions `{+…+}` (as `git diff --word-diff`), coloured only when asked (stdout is a
 * terminal and NO_COLOR is not set); the markers stay, so the report reads the same without
 * colour and when piped.
 */
import { formatDiagnosticLine } from '../diagnostics/format.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { display } from '../document/labels.js';
import {
  COLLECTION_TITLE, condense, FILE_STATUS, documentStatus, documentFacts, documentTitle, entityFacts, entityStatus, entityTitle, fieldLines, formatJson,
  groupKonzept, money, paragraphHeading, revisionLine, shorten, signedMoney, summaryLines, VORLAGE_FIELD_LABEL, type FieldLine,
} from './present.js';
import type { DiagnosticJson, DiffReport, DocumentDiff, EntityDiff, FieldChange, ParagraphChange, Segment } from './report.js';

interface Style {
  del: (s: string) => string;
  ins: (s: string) => string;
  head: (s: string) => string;
  dim: (s: string) => string;
  warn: (s: string) => string;
}

const plain: Style = { del: (s) => s, ins: (s) => s, head: (s) => s, dim: (s) => s, warn: (s) => s };
const ansi = (code: string) => (s: string) => (s ? `\x1b[${code}m${s}\x1b[0m` : s);
const coloured: Style = { del: ansi('31'), ins: ansi('32'), head: ansi('1'), dim: ansi('2'), warn: ansi('33') };

const MARK = { added: '+', removed: '-', changed: '~', renamed: '→', moved: '↕' } as const;

export function formatDiffText(report: DiffReport, opts: { color: boolean }): string {
  const st = opts.color ? coloured : plain;
  const out: string[] = [];
  const line = (indent: number, text: string) => out.push(`${'  '.repeat(indent)}${text}`);
  const blank = () => {
    if (out.length && out[out.length - 1] !== '') out.push('');
  };
  const mark = (op: keyof typeof MARK) => (op === 'added' ? st.ins(MARK[op]) : op === 'removed' ? st.del(MARK[op]) : MARK[op]);
  const redline = (segments: Segment[]) =>
    segments.map((s) => (s.op === 'equal' ? s.text : s.op === 'delete' ? st.del(`[-${s.text}-]`) : st.ins(`{+${s.text}+}`))).join('');

  const paragraphs = (list: ParagraphChange[], indent: number) => {
    for (const p of list) {
      line(indent, `${mark(p.op)} ${paragraphHeading(p)}:`);
      if (p.segments) line(indent + 2, redline(condense(p.segments)));
      else if (p.op === 'moved') line(indent + 2, st.dim(`„${shorten(p.text, 20)}“`));
      else line(indent + 2, p.op === 'removed' ? st.del(`[-${flat(p.text)}-]`) : st.ins(`{+${flat(p.text)}+}`));
    }
  };
  const fields = (changes: FieldChange[], indent: number, labels: Record<string, string> = {}) => {
    for (const f of fieldLines(changes)) {
      if (f.kind === 'text') {
        line(indent, `~ ${labels[f.field] ?? f.field}:`);
        paragraphs(f.paragraphs, indent + 2);
        continue;
      }
      line(indent, valueLine(f));
    }
  };
  const valueLine = (f: Extract<FieldLine, { kind: 'value' }>) => {
    const note = f.note ? st.dim(` (${f.note})`) : '';
    if (f.segments) return `${mark(f.op)} ${f.field}: ${redline(condense(f.segments))}${note}`;
    if (f.list) {
      const parts = [f.list.removed ? st.del(`entfernt ${f.list.removed}`) : '', f.list.added ? st.ins(`neu ${f.list.added}`) : '', f.list.renamed].filter(Boolean).join('; ');
      return `${mark(f.op)} ${f.field}: ${parts}${note}`;
    }
    switch (f.op) {
      case 'added':
        return `${mark(f.op)} ${f.field}: ${st.ins(f.new)}${note}`;
      case 'removed':
        return `${mark(f.op)} ${f.field}: ${st.del(f.old)}${note}`;
      case 'moved':
        return `${mark(f.op)} ${f.field}: ${f.new}${note}`;
      default:
        return `${mark(f.op)} ${f.field}: ${st.del(f.old)} → ${st.ins(f.new)}${note}`;
    }
  };
  const entity = (e: EntityDiff, indent: number) => {
    const place = e.place ?? e.oldPlace;
    const where = place ? st.dim(` (${e.status === 'removed' ? 'bisher ' : ''}${place.file}:${place.line})`) : '';
    line(indent, `${mark(e.status)} ${entityTitle(e)} – ${entityStatus(e)}${where}`);
    if (e.invalidOld || e.invalidNew) line(indent + 2, st.warn(`! ungültig in ${[e.invalidOld ? report.old.label : '', e.invalidNew ? report.new.label : ''].filter(Boolean).join(' und ')} (siehe Prüfung); verglichen wie geschrieben`));
    if (e.status === 'added' || e.status === 'removed') {
      const facts = entityFacts(e);
      if (facts.length) line(indent + 2, facts.join(' · '));
    }
    fields(e.changes, indent + 2);
  };
  const document = (d: DocumentDiff) => {
    const where = st.dim(` (${d.status === 'removed' ? 'bisher ' : ''}${d.file})`);
    line(0, st.head(`${mark(d.status)} ${documentTitle(d)} – ${documentStatus(d)}`) + where);
    if (d.status === 'added' || d.status === 'removed') {
      line(1, documentFacts(d).join(' · '));
    }
    fields(d.fields, 1, VORLAGE_FIELD_LABEL);
    if (d.body.length) {
      if (d.kind === 'vorlage') line(1, '~ Sachdarstellung:');
      paragraphs(d.body, d.kind === 'vorlage' ? 3 : 1);
    }
    blank();
  };

  // Head
  line(0, st.head(`ratsdoc diff: ${report.old.label} → ${report.new.label}`));
  line(1, `alt: ${revisionLine(report.old)}`);
  line(1, `neu: ${revisionLine(report.new)}`);
  line(1, `Inhaltsordner: ${report.content}`);
  blank();
  if (report.identical) {
    line(0, 'Keine Unterschiede.');
    errorsSection();
    return out.join('\n').replace(/\n+$/, '') + '\n';
  }
  line(0, st.head('Zusammenfassung'));
  for (const s of summaryLines(report)) line(1, s);
  blank();

  // The Konzept
  const groups = groupKonzept(report);
  const konzeptHasChanges = report.settings.length || report.konzept.length || report.kapitel.length || report.entities.length;
  if (konzeptHasChanges) {
    line(0, st.head('== Integrationskonzept =='));
    blank();
    if (report.settings.length) {
      line(0, st.head('Einstellungen (ratsdoc.yaml)'));
      fields(report.settings, 1);
      blank();
    }
    if (report.konzept.length) {
      line(0, st.head('Konzept (konzept.yaml)'));
      fields(report.konzept, 1);
      blank();
    }
    for (const d of report.kapitel) document(d);
    for (const g of groups.handlungsfelder) {
      line(0, st.head(`Handlungsfeld ${g.id} „${g.titel}“`));
      if (g.kosten) line(1, `Kosten im Handlungsfeld: ${money(g.kosten.old)} → ${money(g.kosten.new)} (${signedMoney(g.kosten.delta)})`);
      for (const e of g.entities) entity(e, 1);
      blank();
    }
    if (groups.ohneHandlungsfeld.length) {
      line(0, st.head('Ziele und Maßnahmen ohne bekanntes Handlungsfeld'));
      for (const e of groups.ohneHandlungsfeld) entity(e, 1);
      blank();
    }
    for (const g of groups.weitere) {
      line(0, st.head(COLLECTION_TITLE[g.collection]));
      for (const e of g.entities) entity(e, 1);
      blank();
    }
  }

  if (report.vorlagen.length) {
    line(0, st.head('== Vorlagen =='));
    blank();
    for (const d of report.vorlagen) document(d);
  }

  if (report.files.length) {
    line(0, st.head('== Weitere Dateien (Anlagen, Bilder) =='));
    for (const f of report.files) line(1, `${mark(f.status)} ${f.file} – ${FILE_STATUS[f.status]}`);
    blank();
  }

  const dv = report.derived;
  if (dv.costs.length || dv.total || dv.status.length || dv.inlineValues.length || dv.newDiagnostics.length || dv.resolvedDiagnostics.length || dv.notes.length) {
    line(0, st.head('== Auswirkungen auf die Dokumente =='));
    blank();
    if (dv.costs.length || dv.total) {
      line(0, st.head('Kosten je Handlungsfeld'));
      for (const k of dv.costs) line(1, `${k.title} (${k.handlungsfeld}): ${money(k.old)} → ${money(k.new)} (${signedMoney(k.delta)})`);
      if (dv.total) line(1, `Alle Maßnahmen: ${money(dv.total.old)} → ${money(dv.total.new)} (${signedMoney(dv.total.delta)})`);
      blank();
    }
    if (dv.notes.length) {
      for (const h of dv.notes) line(1, st.warn(`Hinweis: ${h}`));
      blank();
    }
    if (dv.status.length) {
      line(0, st.head('Status von Maßnahmen'));
      for (const s of dv.status) line(1, `${s.id} „${s.title}“: ${s.old ? display(s.old) : 'ohne Status'} → ${s.new ? display(s.new) : 'ohne Status'}`);
      blank();
    }
    if (dv.inlineValues.length) {
      line(0, st.head('Werte im Text'));
      for (const w of dv.inlineValues) line(1, `${w.document}, ${w.location}: ${w.call} ${w.old} → ${w.new}`);
      blank();
    }
    if (dv.newDiagnostics.length) {
      line(0, st.head('Neue Fehler und Warnungen'));
      for (const d of dv.newDiagnostics) line(1, st.warn(diagLine(d)));
      blank();
    }
    if (dv.resolvedDiagnostics.length) {
      line(0, st.head('Behobene Fehler und Warnungen'));
      for (const d of dv.resolvedDiagnostics) line(1, diagLine(d));
      blank();
    }
  }
  if (report.notCompared.length) {
    line(0, st.head('Nicht verglichen'));
    for (const n of report.notCompared) line(1, `${n.what}: ${n.reason}`);
    blank();
  }
  errorsSection();
  return out.join('\n').replace(/\n+$/, '') + '\n';

  function errorsSection() {
    blank();
    line(0, st.head('Prüfung'));
    for (const r of [report.old, report.new]) {
      line(1, `${r.label}: ${r.errorCount} Fehler, ${r.warningCount} ${r.warningCount === 1 ? 'Warnung' : 'Warnungen'}`);
      for (const d of r.errors) line(2, st.warn(diagLine(d)));
    }
  }
}

/** A diagnostic as `check` prints it. */
function diagLine(d: DiagnosticJson): string {
  return formatDiagnosticLine({ ...d, entity: d.entity ?? undefined } as Diagnostic);
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
