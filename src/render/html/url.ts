/**
 * Which link targets the HTML may carry. Content is written by many hands, so only plain
 * web/mail links and in-document anchors become `href`s; anything else (`javascript:`,
 * `data:`, `file:`, relative paths) is rendered as plain text.
 */

/** How a link target is treated: external (gets `rel="noopener"`), in-document anchor, or refused. */
export type LinkKind = 'external' | 'anchor' | 'refused';

/** Classifies a link URL from the tree. */
export function classifyLink(url: string): LinkKind {
  // Control characters and whitespace inside the scheme are a classic filter bypass.
  if (/[\u0000-\u001f\u007f]/.test(url)) return 'refused';
  if (/^#[^\s#]+$/.test(url)) return 'anchor';
  if (/^(https?:\/\/[^\s/?#]+|mailto:[^\s]+)/i.test(url) && !/\s/.test(url)) return 'external';
  return 'refused';
}

/**
 * Whether a path from the index page (a link to a generated file) is a safe relative
 * reference: no scheme, no protocol-relative `//host`, no backslashes.
 */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || /[\u0000-\u001f\u007f\\\s]/.test(path)) return false;
  if (path.startsWith('//') || path.startsWith('/')) return false;
  return !/^[a-z][a-z0-9+.-]*:/i.test(path);
}
