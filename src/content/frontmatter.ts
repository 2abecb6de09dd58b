/** A Markdown file split into its YAML front matter and its body. */
export interface FrontMatterSplit {
  /** YAML text between the `---` lines, or null when the file has no front matter. */
  yaml: string | null;
  /** Lines before the YAML text (the opening `---`), to shift YAML positions. */
  yamlLineOffset: number;
  /** Markdown after the closing `---`. */
  body: string;
  /** Lines before the body, to shift Markdown positions. */
  bodyLineOffset: number;
}

/** Splits `---\nYAML\n---\nBODY`. Text must already have LF line ends. */
export function splitFrontMatter(text: string): FrontMatterSplit | { error: string } {
  if (!text.startsWith('---\n') && text !== '---') {
    return { yaml: null, yamlLineOffset: 0, body: text, bodyLineOffset: 0 };
  }
  const rest = text.slice(4);
  const close = /^---[ \t]*$/m.exec(rest);
  if (!close) return { error: 'Der Kopfteil (Front Matter) wird nicht mit einer Zeile „---“ geschlossen' };
  const yaml = rest.slice(0, close.index);
  const afterClose = close.index + close[0].length;
  const body = rest.slice(afterClose).replace(/^\n/, '');
  const yamlLines = yaml.split('\n').length - 1;
  return { yaml, yamlLineOffset: 1, body, bodyLineOffset: 1 + yamlLines + 1 };
}
