/**
 * Rules for Sachstandsberichte and the data only they read: the report's Handlungsfelder and
 * previous report exist, its period runs forward, and spent amounts (`ist`) belong to a year
 * in which the measure ran.
 */
import { CODES } from '../diagnostics/codes.js';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { at, type Model, type ModelIndex } from './model.js';
import { ENTITY_LABEL } from './schemas.js';
import { kostenList } from './kosten.js';

type Rule = (model: Model, index: ModelIndex) => Diagnostic[];

const berichte: Rule = (model, index) => {
  const out: Diagnostic[] = [];
  const byName = new Map(model.berichte.map((b) => [b.name, b]));
  for (const b of model.berichte) {
    const meta = b.meta.value;
    const entity = `Bericht „${b.name}“`;
    const z = meta.berichtszeitraum;
    if (z.bis < z.von) out.push(diag('error', CODES.periodReversed, b.file, at(b.meta, 'berichtszeitraum', 'bis'), `Berichtszeitraum endet (${z.bis}) vor seinem Beginn (${z.von})`, entity));
    else if (meta.stichtag < z.von) out.push(diag('error', CODES.stichtagBeforePeriod, b.file, at(b.meta, 'stichtag'), `Stichtag ${meta.stichtag} liegt vor dem Beginn des Berichtszeitraums (${z.von})`, entity));
    (meta.handlungsfelder ?? []).forEach((id, i) => {
      if (index.handlungsfelder.has(id) || model.brokenIds.handlungsfelder.has(id)) return;
      out.push(diag('error', CODES.unresolvedReference, b.file, at(b.meta, 'handlungsfelder', i), `${ENTITY_LABEL.handlungsfelder} „${id}“ ist nicht definiert${didYouMean(id, index.handlungsfelder.keys())}`, entity));
    });
    if (meta.vorheriger !== undefined) {
      const prev = byName.get(meta.vorheriger);
      const pos = at(b.meta, 'vorheriger');
      if (meta.vorheriger === b.name) out.push(diag('error', CODES.berichtVorherigerSelf, b.file, pos, 'Ein Bericht kann nicht sein eigener Vorgänger sein', entity));
      else if (!prev) {
        if (!model.unusableFiles?.has(`berichte/${meta.vorheriger}.md`)) {
          out.push(diag('error', CODES.berichtVorherigerMissing, b.file, pos, `Vorheriger Bericht „${meta.vorheriger}“ gibt es nicht (erwartet: berichte/${meta.vorheriger}.md)${didYouMean(meta.vorheriger, byName.keys())}`, entity));
        }
      } else if (prev.meta.value.stichtag >= meta.stichtag) {
        out.push(diag('error', CODES.berichtVorherigerLater, b.file, pos, `Der vorherige Bericht „${prev.name}“ hat den Stichtag ${prev.meta.value.stichtag}, nicht vor ${meta.stichtag}`, entity));
      }
    }
  }
  return out;
};

/** A spent amount needs its year, and the year must lie in the measure's period. */
const istBetraege: Rule = (model) => {
  const out: Diagnostic[] = [];
  for (const m of model.collections.massnahmen) {
    const entity = `${ENTITY_LABEL.massnahmen} „${m.value.id}“`;
    const single = !Array.isArray(m.value.kosten);
    const von = m.value.beginn ? Number(m.value.beginn.slice(0, 4)) : undefined;
    const bis = m.value.ende ? Number(m.value.ende.slice(0, 4)) : undefined;
    kostenList(m.value.kosten).forEach((k, i) => {
      if (k.ist === undefined) return;
      const sub = single ? ['kosten'] : ['kosten', i];
      if (k.jahr === undefined) {
        out.push(diag('error', CODES.istWithoutJahr, m.file, at(m, ...sub, 'ist'), 'Ein Ist-Betrag braucht das Haushaltsjahr („jahr: …“) des Kostenpostens', entity));
      } else if ((von !== undefined && k.jahr < von) || (bis !== undefined && k.jahr > bis)) {
        out.push(diag('error', CODES.istYearOutside, m.file, at(m, ...sub, 'jahr'), `Ist-Betrag im Jahr ${k.jahr}, die Maßnahme läuft aber ${von ?? '…'} bis ${bis ?? '…'}`, entity));
      }
    });
  }
  return out;
};

/** `status` is the state today, so it must be the last state of the `verlauf`. */
const verlaufStatus: Rule = (model) => {
  const out: Diagnostic[] = [];
  for (const m of model.collections.massnahmen) {
    const v = m.value.verlauf;
    if (!v?.length) continue;
    const last = [...v].sort((a, b) => (a.datum < b.datum ? -1 : a.datum > b.datum ? 1 : 0)).pop()!;
    if (m.value.status !== last.status) {
      out.push(diag('warning', CODES.verlaufStatusMismatch, m.file, at(m, m.value.status ? 'status' : 'verlauf'),
        `Der letzte Eintrag im Verlauf (${last.datum}: ${last.status}) passt nicht zu „status: ${m.value.status ?? '…'}“; der Status ist der heutige Stand`, `${ENTITY_LABEL.massnahmen} „${m.value.id}“`));
    }
  }
  return out;
};

/** The rules of this file, in the order they run. */
export const berichtRules: Rule[] = [berichte, istBetraege, verlaufStatus];
