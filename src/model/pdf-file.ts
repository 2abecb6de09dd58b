/**
 * Whether a PDF Anlage can be appended to a Vorlage's PDF: checked with the library that
 * appends it (pdf-lib), so `check` reports what `build` would otherwise fail on.
 */
// pdf-lib is loaded when an Anlage is to be appended, not with every `check` (its import
// alone costs about as much CPU as the rest of `check`'s modules together).

/** Whether bytes start like a PDF file. */
export function looksLikePdf(head: Uint8Array): boolean {
  return Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 1024)).toString('latin1').includes('%PDF-');
}

/** Why the PDF cannot be appended (German, to follow the file name), or null. */
export async function appendProblem(bytes: Uint8Array): Promise<string | null> {
  const { EncryptedPDFError, PDFDocument } = await import('pdf-lib');
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    return doc.getPageCount() > 0 ? null : 'hat keine Seiten und kann nicht angehängt werden';
  } catch (err) {
    if (err instanceof EncryptedPDFError) return 'ist verschlüsselt (Kennwort- oder Rechteschutz) und kann nicht angehängt werden; bitte ohne Schutz speichern oder „anhaengen: false“ setzen';
    return `kann nicht gelesen werden und daher nicht angehängt werden (${(err as Error).message})`;
  }
}
