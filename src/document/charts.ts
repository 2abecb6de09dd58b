/**
 * Vector charts as SVG strings, built once and used by both renderers (inline SVG in HTML,
 * pdfmake's `svg` node in PDF). Only elements pdfmake's SVG support draws reliably: rect,
 * line, polygon, text. Text uses the theme font so the PDF embeds it.
 */
import { escapeMarkup } from '../format/escape.js';
import { formatNumber, isCountUnit } from '../format/german.js';
import type { Chart } from './tree.js';

/** Escapes text for SVG. */
export const esc = escapeMarkup;

/** One row of a Gantt chart: a group label, a bar, or a milestone. */
export type GanttRow =
  | { kind: 'group'; label: string }
  | { kind: 'bar'; label: string; start: string; end: string; status?: string }
  | { kind: 'milestone'; label: string; date: string };

const MONTH_SHORT = ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'];

function monthIndex(iso: string): number {
  const [y, m] = iso.split('-').map(Number);
  return y * 12 + (m - 1);
}

/** Fraction of the month an ISO date/month stands at (start of month for a month). */
function monthPosition(iso: string, atEnd: boolean): number {
  const base = monthIndex(iso);
  if (iso.length === 7) return atEnd ? base + 1 : base;
  const day = Number(iso.slice(8, 10));
  return base + (atEnd ? day / 31 : (day - 1) / 31);
}

/**
 * A Gantt chart: label column, one column per month, bars per measure, diamonds for milestones.
 * `width` in pt; the height follows the rows.
 */
export function ganttChart(rows: GanttRow[], options: { width: number; font: string; primary: string; accent: string; muted: string; alt: string; caption?: string }): Chart {
  const points = rows.flatMap((r) => (r.kind === 'bar' ? [r.start, r.end] : r.kind === 'milestone' ? [r.date] : []));
  const first = Math.min(...points.map(monthIndex));
  const last = Math.max(...points.map(monthIndex));
  const months = last - first + 1;
  const labelWidth = Math.round(options.width * 0.36);
  const plotWidth = options.width - labelWidth - 4;
  const monthWidth = plotWidth / months;
  const rowHeight = 13;
  const top = 26;
  const height = top + rows.length * rowHeight + 6;
  const x = (pos: number) => labelWidth + (pos - first) * monthWidth;
  const parts: string[] = [];
  const font = `font-family="${esc(options.font)}"`;
  // Month grid and labels; with many months only January and every third month are labelled.
  const step = months > 36 ? 12 : months > 18 ? 3 : 1;
  for (let i = 0; i <= months; i++) {
    const gx = labelWidth + i * monthWidth;
    const month = (first + i) % 12;
    const year = Math.floor((first + i) / 12);
    parts.push(`<line x1="${r(gx)}" y1="${top - 4}" x2="${r(gx)}" y2="${height - 4}" stroke="#d0d6dc" stroke-width="${month === 0 ? 0.8 : 0.4}"/>`);
    if (i < months && (month % step === 0 || i === 0)) {
      parts.push(`<text x="${r(gx + 1.5)}" y="${top - 8}" font-size="6" ${font} fill="${options.muted}">${MONTH_SHORT[month]}</text>`);
      if (month === 0 || i === 0) parts.push(`<text x="${r(gx + 1.5)}" y="${top - 17}" font-size="6.5" ${font} font-weight="bold" fill="${options.muted}">${year}</text>`);
    }
  }
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const label = row.label.length > 44 ? `${row.label.slice(0, 42)}…` : row.label;
    if (row.kind === 'group') {
      parts.push(`<rect x="0" y="${r(y)}" width="${options.width}" height="${rowHeight}" fill="#eef2f6"/>`);
      parts.push(`<text x="2" y="${r(y + 9.3)}" font-size="7" font-weight="bold" ${font} fill="${options.primary}">${esc(label)}</text>`);
      return;
    }
    parts.push(`<text x="6" y="${r(y + 9.3)}" font-size="6.5" ${font} fill="#1a1a1a">${esc(label)}</text>`);
    if (row.kind === 'bar') {
      const x1 = x(monthPosition(row.start, false));
      const x2 = x(monthPosition(row.end, true));
      const fill = row.status === 'abgeschlossen' ? options.muted : row.status === 'zurueckgestellt' ? '#b9c2cb' : options.primary;
      parts.push(`<rect class="bar" x="${r(x1)}" y="${r(y + 2.5)}" width="${r(Math.max(2, x2 - x1))}" height="8" rx="1.5" fill="${fill}"/>`);
    } else {
      const cx = x(monthPosition(row.date, false));
      const cy = y + rowHeight / 2;
      parts.push(`<polygon class="milestone" points="${r(cx)},${r(cy - 5)} ${r(cx + 5)},${r(cy)} ${r(cx)},${r(cy + 5)} ${r(cx - 5)},${r(cy)}" fill="${options.accent}"/>`);
    }
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${options.width}" height="${r(height)}" viewBox="0 0 ${options.width} ${r(height)}">${parts.join('')}</svg>`;
  return { type: 'chart', svg, width: options.width, height: r(height), alt: options.alt, ...(options.caption ? { caption: options.caption } : {}) };
}

/** A small line chart of an indicator's measurements, with the target as a dashed line. */
export function indicatorChart(
  points: Array<{ label: string; value: number }>,
  target: { value: number; label: string } | undefined,
  options: { width: number; font: string; primary: string; accent: string; muted: string; unit: string; alt: string },
): Chart {
  const height = 114;
  const left = 44;
  const right = 10;
  const top = 14;
  const bottom = 22;
  const { min, max, ticks } = valueRange(points.map((p) => p.value).concat(target ? [target.value] : []));
  const plotW = options.width - left - right;
  const plotH = height - top - bottom;
  const px = (i: number) => left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const py = (v: number) => top + plotH - ((v - min) / (max - min)) * plotH;
  const font = `font-family="${esc(options.font)}"`;
  const parts: string[] = valueAxes({ ticks, left, top, plotW, plotH, py, font, muted: options.muted, unit: options.unit });
  if (target) {
    parts.push(`<line x1="${left}" y1="${r(py(target.value))}" x2="${left + plotW}" y2="${r(py(target.value))}" stroke="${options.accent}" stroke-width="0.8" stroke-dasharray="3,2"/>`);
    parts.push(`<text x="${left + plotW}" y="${r(py(target.value) - 2)}" font-size="6" text-anchor="end" ${font} fill="${options.accent}">${esc(target.label)}</text>`);
  }
  const path = points.map((p, i) => `${r(px(i))},${r(py(p.value))}`).join(' ');
  if (points.length > 1) parts.push(`<polyline points="${path}" fill="none" stroke="${options.primary}" stroke-width="1.4"/>`);
  points.forEach((p, i) => {
    parts.push(`<rect x="${r(px(i) - 2)}" y="${r(py(p.value) - 2)}" width="4" height="4" fill="${options.primary}"/>`);
    parts.push(`<text x="${r(px(i))}" y="${height - 8}" font-size="6" text-anchor="middle" ${font} fill="${options.muted}">${esc(p.label)}</text>`);
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${options.width}" height="${height}" viewBox="0 0 ${options.width} ${height}">${parts.join('')}</svg>`;
  return { type: 'chart', svg, width: options.width, height, alt: options.alt };
}

/** Round tick steps: 1, 2, 2,5 and 5 × 10ⁿ. */
const NICE_STEPS = [1, 2, 2.5, 5, 10];

/**
 * The y scale of a line chart: round ticks (1, 2, 2,5 or 5 × 10ⁿ apart, about `count`
 * intervals) from a tick at or below the smallest value to one at or above the largest, not
 * below 0 for data that is not negative.
 */
export function valueRange(values: number[], count = 4): { min: number; max: number; ticks: number[] } {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    lo = lo === 0 ? 0 : lo - Math.abs(lo) * 0.1;
    hi = hi === 0 ? 1 : hi + Math.abs(hi) * 0.1;
  }
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = NICE_STEPS.map((f) => f * magnitude).find((s) => s >= raw * 0.999) ?? 10 * magnitude;
  const exact = (v: number) => Number(v.toPrecision(12));
  let min = exact(Math.floor(lo / step + 1e-9) * step);
  const max = exact(Math.ceil(hi / step - 1e-9) * step);
  if (lo >= 0 && min < 0) min = 0;
  const ticks: number[] = [];
  for (let v = min, i = 0; v <= max + step / 1000; i++, v = exact(min + i * step)) ticks.push(v);
  return { min, max: Math.max(max, ticks[ticks.length - 1]), ticks };
}

/**
 * The two axis lines of a line chart, a label and a faint grid line at every tick, and the
 * unit above the value axis (none for a plain count, `einheit: Anzahl`), as SVG elements.
 */
export function valueAxes(a: { ticks: number[]; left: number; top: number; plotW: number; plotH: number; py: (v: number) => number; font: string; muted: string; unit?: string }): string[] {
  const parts = [
    `<line x1="${a.left}" y1="${a.top}" x2="${a.left}" y2="${a.top + a.plotH}" stroke="${a.muted}" stroke-width="0.6"/>`,
    `<line x1="${a.left}" y1="${a.top + a.plotH}" x2="${a.left + a.plotW}" y2="${a.top + a.plotH}" stroke="${a.muted}" stroke-width="0.6"/>`,
  ];
  for (const v of a.ticks) {
    const y = r(a.py(v));
    if (v !== a.ticks[0]) parts.push(`<line x1="${a.left}" y1="${y}" x2="${a.left + a.plotW}" y2="${y}" stroke="#e3e7eb" stroke-width="0.4"/>`);
    parts.push(`<line x1="${a.left - 2}" y1="${y}" x2="${a.left}" y2="${y}" stroke="${a.muted}" stroke-width="0.6"/>`);
    parts.push(`<text class="tick" x="${a.left - 3}" y="${r(y + 2)}" font-size="6" text-anchor="end" ${a.font} fill="${a.muted}">${esc(formatNumber(v))}</text>`);
  }
  if (a.unit && !isCountUnit(a.unit)) {
    parts.push(`<text class="unit" x="${a.left + 3}" y="${r(a.top - 4)}" font-size="6" ${a.font} fill="${a.muted}">${esc(a.unit)}</text>`);
  }
  return parts;
}


function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function r(v: number): number {
  return Math.round(v * 100) / 100;
}
