/**
 * The costs of a Maßnahme: `kosten` is one entry or a list of them in the YAML. One list and
 * one sum for the documents, the diff and its derived effects.
 */
import type { Kosten } from './schemas.js';

/** The cost entries as a list; from raw YAML values too (entries that are no records are left out). */
export function kostenList(kosten: Kosten | Kosten[] | unknown): Kosten[] {
  if (kosten === undefined || kosten === null) return [];
  return (Array.isArray(kosten) ? kosten : [kosten]).filter((k): k is Kosten => !!k && typeof k === 'object' && !Array.isArray(k));
}

/** Sum of the entries' `betrag` in euros, rounded to cents (so that 0.1 + 0.2 is 0.3). */
export function kostenSumme(kosten: Kosten | Kosten[] | unknown): number {
  return cents(kostenList(kosten).reduce((s, k) => s + (typeof k.betrag === 'number' ? k.betrag : 0), 0));
}

/** Rounded to cents. */
export function cents(x: number): number {
  return Math.round(x * 100) / 100;
}
