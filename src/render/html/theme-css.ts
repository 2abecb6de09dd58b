/**
 * The theme as CSS: custom properties on `:root` (read by `templates/html/style.css`) and the
 * print page box. Theme colours are validated hex values; the font name is reduced to safe
 * characters so it can never close the `<style>` element.
 */
import type { Theme } from '../../theme/theme.js';

/** Fallback fonts after the theme's font: no web fonts, nothing fetched. */
const FONT_STACK = '"DejaVu Sans", "Segoe UI", Arial, sans-serif';

/**
 * German typesetting, whatever the city's style sheet says: the browser hyphenates (`lang`
 * is set on `<html>`; the text carries soft hyphens for browsers without a German
 * dictionary), code does not, `.nobr` pieces (IDs, URLs) never break.
 */
const TYPOGRAPHY_CSS = 'body{hyphens:auto;-webkit-hyphens:auto;overflow-wrap:break-word}code,pre{hyphens:manual;-webkit-hyphens:manual}.nobr{white-space:nowrap}\n';

/** CSS rules derived from the theme, prepended to the stylesheet. */
export function themeCss(theme: Theme): string {
  const base = theme.base.font_size;
  const scale = (pt: number) => String(Math.round((pt / base) * 1000) / 1000);
  const font = safeFontName(theme.base.font_family);
  // The browser falls back per character along the list, as the PDF does per run.
  const fallback = safeFontName(theme.base.fallback_font_family);
  const families = [font, fallback].filter((f, i, all) => f && all.indexOf(f) === i).map((f) => `"${f}", `).join('');
  const vars: Array<[string, string]> = [
    ['--color-text', theme.base.color],
    ['--color-primary', theme.colors.primary],
    ['--color-accent', theme.colors.accent],
    ['--color-muted', theme.colors.muted],
    ['--color-heading', theme.heading.color],
    ['--color-table-header-bg', theme.colors.table_header_background],
    ['--color-table-border', theme.colors.table_border],
    ['--color-draft', theme.colors.draft],
    ['--font-family', `${families}${FONT_STACK}`],
    ['--font-size', `${base}pt`],
    ['--table-font-size', `${theme.table.font_size}pt`],
    ['--line-height', String(theme.base.line_height)],
    ['--h1-scale', scale(theme.heading.h1_size)],
    ['--h2-scale', scale(theme.heading.h2_size)],
    ['--h3-scale', scale(theme.heading.h3_size)],
    ['--h4-scale', scale(theme.heading.h4_size)],
    ['--logo-width', `${theme.logo.width}mm`],
  ];
  const [top, right, bottom, left] = theme.page.margin;
  return `:root{${vars.map(([k, v]) => `${k}:${v};`).join('')}}\n`
    + `@page{size:${theme.page.size};margin:${top}mm ${right}mm ${bottom}mm ${left}mm;}\n`
    + TYPOGRAPHY_CSS;
}

function safeFontName(name: string): string {
  return name.replace(/[^\p{L}\p{N} _-]/gu, '').trim();
}
