/**
 * The charts of a Sachstandsbericht: an indicator's course over real time with its planned
 * path from Ausgangswert to Zielwert, and the summary's bar chart. Same SVG subset as
 * `charts.ts` (line, polyline, polygon, rect, text), so pdfmake draws it as the browser does.
 */
import { formatDate, formatValue } from '../format/german.js';
import type { Chart } from './tree.js';
import { esc, valueAxes, valueRange } from './charts.js';

interface ChartStyle {
  width: number;
  font: string;
  primary: string;
  accent: string;
  muted: string;
  /** The indicator's unit, printed above the value axis (none for a count). */
  unit?: string;
}

function r(v: number): number {
  return Math.round(v * 100) / 100;
}

function day(iso: string): number {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
}

/**
 * An indicator's measurements up to the Stichtag on a time axis, the planned path as a dashed
 * line from the Ausgangswert to the Zielwert, the Zielwert as a diamond and the Stichtag as a
 * thin vertical line.
 */
export function progressChart(
  series: Array<{ stichtag: string; wert: number }>,
  basis: { stichtag: string; wert: number } | undefined,
  ziel: { stichtag: string; wert: number } | undefined,
  stichtag: string,
  style: ChartStyle & { alt: string; caption?: string },
): Chart {
  const height = 124;
  const left = 44;
  const right = 14;
  const top = 16;
  const bottom = 22;
  const dates = [...series.map((p) => p.stichtag), ...(basis ? [basis.stichtag] : []), ...(ziel ? [ziel.stichtag] : []), stichtag];
  const first = Math.min(...dates.map(day));
  const last = Math.max(...dates.map(day));
  const { min, max, ticks } = valueRange([...series.map((p) => p.wert), ...(basis ? [basis.wert] : []), ...(ziel ? [ziel.wert] : [])]);
  const plotW = style.width - left - right;
  const plotH = height - top - bottom;
  const px = (iso: string) => left + ((day(iso) - first) / Math.max(1, last - first)) * plotW;
  const py = (v: number) => top + plotH - ((v - min) / (max - min)) * plotH;
  const font = `font-family="${esc(style.font)}"`;
  const parts: string[] = valueAxes({ ticks, left, top, plotW, plotH, py, font, muted: style.muted, unit: style.unit });
  // Year ticks on 1 January within the axis.
  const y0 = Number(new Date(first * 86_400_000).toISOString().slice(0, 4));
  const y1 = Number(new Date(last * 86_400_000).toISOString().slice(0, 4));
  for (let y = y0; y <= y1 + 1; y++) {
    const iso = `${y}-01-01`;
    if (day(iso) < first || day(iso) > last) continue;
    const x = px(iso);
    parts.push(`<line x1="${r(x)}" y1="${top + plotH}" x2="${r(x)}" y2="${top + plotH + 3}" stroke="${style.muted}" stroke-width="0.6"/>`);
    parts.push(`<text x="${r(x)}" y="${height - 8}" font-size="6" text-anchor="middle" ${font} fill="${style.muted}">${y}</text>`);
  }
  const sx = px(stichtag);
  parts.push(`<line x1="${r(sx)}" y1="${top}" x2="${r(sx)}" y2="${top + plotH}" stroke="${style.muted}" stroke-width="0.5" stroke-dasharray="1,1.5"/>`);
  parts.push(`<text x="${r(Math.min(sx, left + plotW - 2))}" y="${top - 3}" font-size="5.5" text-anchor="middle" ${font} fill="${style.muted}">Stichtag</text>`);
  if (basis && ziel) {
    parts.push(`<line x1="${r(px(basis.stichtag))}" y1="${r(py(basis.wert))}" x2="${r(px(ziel.stichtag))}" y2="${r(py(ziel.wert))}" stroke="${style.accent}" stroke-width="0.8" stroke-dasharray="3,2"/>`);
  }
  if (ziel) {
    const cx = px(ziel.stichtag);
    const cy = py(ziel.wert);
    parts.push(`<polygon points="${r(cx)},${r(cy - 4)} ${r(cx + 4)},${r(cy)} ${r(cx)},${r(cy + 4)} ${r(cx - 4)},${r(cy)}" fill="${style.accent}"/>`);
    // The target labelled beside its diamond, inside the plot.
    parts.push(`<text class="target" x="${r(cx - 6)}" y="${r(cy + 2)}" font-size="6" text-anchor="end" ${font} fill="${style.accent}">${esc(`Ziel ${formatValue(ziel.wert, style.unit)}`)}</text>`);
  }
  if (series.length > 1) parts.push(`<polyline points="${series.map((p) => `${r(px(p.stichtag))},${r(py(p.wert))}`).join(' ')}" fill="none" stroke="${style.primary}" stroke-width="1.4"/>`);
  for (const p of series) parts.push(`<rect x="${r(px(p.stichtag) - 2)}" y="${r(py(p.wert) - 2)}" width="4" height="4" fill="${style.primary}"/>`);
  if (basis) parts.push(`<rect x="${r(px(basis.stichtag) - 2.5)}" y="${r(py(basis.wert) - 2.5)}" width="5" height="5" fill="#ffffff" stroke="${style.primary}" stroke-width="1"/>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${style.width}" height="${height}" viewBox="0 0 ${style.width} ${height}">${parts.join('')}</svg>`;
  return { type: 'chart', svg, width: style.width, height, alt: style.alt, ...(style.caption ? { caption: style.caption } : {}) };
}

/** Horizontal bars in labelled groups (the summary: measures per state, indicators per assessment). */
export function barGroupsChart(groups: Array<{ title: string; bars: Array<{ label: string; value: number; color?: string }> }>, style: ChartStyle & { alt: string }): Chart {
  const rowH = 14;
  const labelW = 104;
  const colGap = 24;
  const colW = (style.width - colGap * (groups.length - 1)) / groups.length;
  const rows = Math.max(...groups.map((g) => g.bars.length));
  const height = 18 + rows * rowH + 4;
  const font = `font-family="${esc(style.font)}"`;
  const parts: string[] = [];
  groups.forEach((g, gi) => {
    const x0 = gi * (colW + colGap);
    const max = Math.max(1, ...g.bars.map((b) => b.value));
    const barMax = colW - labelW - 18;
    parts.push(`<text x="${r(x0)}" y="10" font-size="8.5" font-weight="bold" ${font} fill="${style.primary}">${esc(g.title)}</text>`);
    g.bars.forEach((b, i) => {
      const y = 18 + i * rowH;
      parts.push(`<text x="${r(x0)}" y="${r(y + 9)}" font-size="8" ${font} fill="#1a1a1a">${esc(b.label)}</text>`);
      const w = (b.value / max) * barMax;
      if (b.value > 0) parts.push(`<rect x="${r(x0 + labelW)}" y="${r(y + 2)}" width="${r(Math.max(1.5, w))}" height="9" fill="${b.color ?? style.primary}"/>`);
      parts.push(`<text x="${r(x0 + labelW + w + 3)}" y="${r(y + 9)}" font-size="8" ${font} fill="#1a1a1a">${b.value}</text>`);
    });
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${style.width}" height="${height}" viewBox="0 0 ${style.width} ${height}">${parts.join('')}</svg>`;
  return { type: 'chart', svg, width: style.width, height, alt: style.alt };
}

/** The alt text of a progress chart: every point in words. */
export function progressAlt(titel: string, einheit: string, series: Array<{ stichtag: string; wert: number }>, ziel: { stichtag: string; wert: number } | undefined, fmt: (v: number, unit: string) => string): string {
  const points = series.map((p) => `${formatDate(p.stichtag)} ${fmt(p.wert, einheit)}`).join(', ');
  return `Verlauf ${titel}: ${points || 'keine Messwerte'}${ziel ? `; Zielwert ${fmt(ziel.wert, einheit)} bis ${formatDate(ziel.stichtag)}` : ''}`;
}
