/**
 * `--format markdown`: the report to paste into a merge request (GitLab and GitHub render it).
 * Deletions `<del>`, insertions `<ins>`; content text is escaped, so Markdown in the content
 * shows as written and cannot break the report.
 */
import { display } from '../document/labels.js';
import {
  COLLECTION_TITLE, condense, documentFacts, FILE_STATUS, documentStatus, documentTitle, entityFacts, entityStatus, entityTitle, fieldLines, formatJson,
  groupKonzept, money, paragraphHeading, revisionLine, shorten, signedMoney, summaryLines, VORLAGE_FIELD_LABEL, type FieldLine,
} from './present.js';
import type { DiagnosticJson, DiffReport, DocumentDiff, EntityDiff, FieldChange, ParagraphChange, Segment } from './report.js';

/** Escapes text for Markdown (inline, one line). */
export function md(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}~|#!])/g, '\\$1');
}

const del = (s: string) => (s ? `<del>${md(s)}</del>` : '');
const ins = (s: string) => (s ? `<ins>${md(s)}</ins>` : '');

function redline(segments: Segment[]): string {
  return segments.map((s) => (s.op === 'equal' ? md(s.text) : s.op === 'delete' ? del(s.text) : ins(s.text))).join('');
}

function valueCell(f: Extract<FieldLine, { kind: 'value' }>): string {
  const note = f.note ? ` _(${md(f.note)})_` : '';
  if (f.segments) return redline(condense(f.segments)) + note;
  if (f.list) return [f.list.removed ? `entfernt: ${del(f.list.removed)}` : '', f.list.added ? `neu: ${ins(f.list.added)}` : '', md(f.list.renamed)].filter(Boolean).join('; ') + note;
  switch (f.op) {
    case 'added':
      return `neu: ${ins(f.new)}${note}`;
    case 'removed':
      return `entfernt: ${del(f.old)}${note}`;
    case 'moved':
      return `${md(f.new)}${note}`;
    default:
      return `${del(f.old)} → ${ins(f.new)}${note}`;
  }
}

export function formatDiffMarkdown(report: DiffReport): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const para = (...lines: string[]) => push(...lines, '');

  const paragraphs = (list: ParagraphChange[], indent = '') => {
    for (const p of list) {
      push(`${indent}- **${md(paragraphHeading(p))}**  `);
      const body = p.segments ? redline(condense(p.segments)) : p.op === 'moved' ? `„${md(shorten(p.text, 20))}“` : p.op === 'removed' ? del(p.text) : ins(p.text);
      push(`${indent}  ${body}`);
    }
    push('');
  };
  const fields = (changes: FieldChange[], labels: Record<string, string> = {}) => {
    const lines = fieldLines(changes);
    const values = lines.filter((l): l is Extract<FieldLine, { kind: 'value' }> => l.kind === 'value');
    if (values.length) {
      push('| Feld | Änderung |', '|---|---|');
      for (const v of values) push(`| ${md(v.field)} | ${valueCell(v)} |`);
      push('');
    }
    for (const t of lines) {
      if (t.kind !== 'text') continue;
      para(`**${md(labels[t.field] ?? t.field)}:**`);
      paragraphs(t.paragraphs);
    }
  };
  const entity = (e: EntityDiff) => {
    const place = e.place ?? e.oldPlace;
    para(`##### ${md(entityTitle(e))} — ${md(entityStatus(e))}`);
    if (place) para(`\`${place.file}:${place.line}\`${e.status === 'removed' ? ' (bisher)' : ''}`);
    if (e.invalidOld || e.invalidNew) para(`> ⚠️ ungültig in ${md([e.invalidOld ? report.old.label : '', e.invalidNew ? report.new.label : ''].filter(Boolean).join(' und '))} (siehe Prüfung); verglichen wie geschrieben`);
    const facts = e.status === 'added' || e.status === 'removed' ? entityFacts(e) : [];
    if (facts.length) para(facts.map(md).join(' · '));
    fields(e.changes);
  };
  const document = (d: DocumentDiff) => {
    para(`#### ${md(documentTitle(d))} — ${md(documentStatus(d))}`);
    para(`\`${d.file}\`${d.status === 'removed' ? ' (bisher)' : ''}`);
    if (d.status === 'added' || d.status === 'removed') {
      para(documentFacts(d).map(md).join(' · '));
    }
    fields(d.fields, VORLAGE_FIELD_LABEL);
    if (d.body.length) {
      if (d.kind === 'vorlage') para('**Sachdarstellung:**');
      paragraphs(d.body);
    }
  };

  para(`## ratsdoc diff: ${md(report.old.label)} → ${md(report.new.label)}`);
  para(`- alt: ${md(revisionLine(report.old))}`, `- neu: ${md(revisionLine(report.new))}`, `- Inhaltsordner: \`${report.content}\``);
  if (report.identical) {
    para('Keine Unterschiede.');
  } else {
    para('### Zusammenfassung');
    para(...summaryLines(report).map((s) => `- ${md(s)}`));

    const groups = groupKonzept(report);
    if (report.settings.length || report.konzept.length || report.kapitel.length || report.entities.length) {
      para('### Integrationskonzept');
      if (report.settings.length) {
        para('#### Einstellungen (ratsdoc.yaml)');
        fields(report.settings);
      }
      if (report.konzept.length) {
        para('#### Konzept (konzept.yaml)');
        fields(report.konzept);
      }
      for (const d of report.kapitel) document(d);
      for (const g of groups.handlungsfelder) {
        para(`#### Handlungsfeld ${md(g.id)} „${md(g.titel)}“`);
        if (g.kosten) para(`Kosten im Handlungsfeld: ${md(money(g.kosten.old))} → ${md(money(g.kosten.new))} (**${md(signedMoney(g.kosten.delta))}**)`);
        for (const e of g.entities) entity(e);
      }
      if (groups.ohneHandlungsfeld.length) {
        para('#### Ziele und Maßnahmen ohne bekanntes Handlungsfeld');
        for (const e of groups.ohneHandlungsfeld) entity(e);
      }
      for (const g of groups.weitere) {
        para(`#### ${COLLECTION_TITLE[g.collection]}`);
        for (const e of g.entities) entity(e);
      }
    }
    if (report.vorlagen.length) {
      para('### Vorlagen');
      for (const d of report.vorlagen) document(d);
    }
    if (report.files.length) {
      para('### Weitere Dateien (Anlagen, Bilder)');
      para(...report.files.map((f) => `- \`${f.file}\` – ${FILE_STATUS[f.status]}`));
    }
    const dv = report.derived;
    if (dv.costs.length || dv.total || dv.status.length || dv.inlineValues.length || dv.newDiagnostics.length || dv.resolvedDiagnostics.length || dv.notes.length) {
      para('### Auswirkungen auf die Dokumente');
      if (dv.costs.length || dv.total) {
        para('#### Kosten je Handlungsfeld');
        push('| Handlungsfeld | bisher | neu | Differenz |', '|---|--:|--:|--:|');
        for (const k of dv.costs) push(`| ${md(k.title)} (${md(k.handlungsfeld)}) | ${md(money(k.old))} | ${md(money(k.new))} | ${md(signedMoney(k.delta))} |`);
        if (dv.total) push(`| **Alle Maßnahmen** | ${md(money(dv.total.old))} | ${md(money(dv.total.new))} | **${md(signedMoney(dv.total.delta))}** |`);
        push('');
      }
      if (dv.notes.length) para(...dv.notes.map((h) => `> Hinweis: ${md(h)}`));
      if (dv.status.length) {
        para('#### Status von Maßnahmen');
        para(...dv.status.map((s) => `- ${md(s.id)} „${md(s.title)}“: ${del(s.old ? display(s.old) : 'ohne Status')} → ${ins(s.new ? display(s.new) : 'ohne Status')}`));
      }
      if (dv.inlineValues.length) {
        para('#### Werte im Text');
        para(...dv.inlineValues.map((w) => `- ${md(w.document)}, ${md(w.location)}: \`${w.call}\` ${del(w.old)} → ${ins(w.new)}`));
      }
      if (dv.newDiagnostics.length) {
        para('#### Neue Fehler und Warnungen');
        para(...dv.newDiagnostics.map((d) => `- ${diag(d)}`));
      }
      if (dv.resolvedDiagnostics.length) {
        para('#### Behobene Fehler und Warnungen');
        para(...dv.resolvedDiagnostics.map((d) => `- ${diag(d)}`));
      }
    }
    if (report.notCompared.length) {
      para('### Nicht verglichen');
      para(...report.notCompared.map((n) => `- ${md(n.what)}: ${md(n.reason)}`));
    }
  }
  para('### Prüfung');
  for (const r of [report.old, report.new]) {
    push(`- ${md(r.label)}: ${r.errorCount} Fehler, ${r.warningCount} ${r.warningCount === 1 ? 'Warnung' : 'Warnungen'}`);
    for (const d of r.errors) push(`  - ${diag(d)}`);
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

function diag(d: DiagnosticJson): string {
  const sev = d.severity === 'error' ? '**Fehler**' : 'Warnung';
  return `${sev}: ${d.entity ? `${md(d.entity)}: ` : ''}${md(d.message)} (\`${d.file}:${d.line}:${d.column}\`)`;
}
