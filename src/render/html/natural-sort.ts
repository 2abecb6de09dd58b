/** Natural order for Vorlage numbers: `11/1481` < `11/1481-1` < `11/1702` < `2021/0001`. */

/** Compares two strings chunk by chunk, digit runs by value; deterministic (no locale data). */
export function compareNatural(a: string, b: string): number {
  const ca = chunks(a);
  const cb = chunks(b);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i];
    const y = cb[i];
    const xNum = /^\d/.test(x);
    const yNum = /^\d/.test(y);
    if (xNum && yNum) {
      const diff = compareDigits(x, y);
      if (diff !== 0) return diff;
    } else if (x !== y) {
      // Digits sort before other characters; other chunks by code point.
      if (xNum !== yNum) return xNum ? -1 : 1;
      return x < y ? -1 : 1;
    }
  }
  if (ca.length !== cb.length) return ca.length - cb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function chunks(s: string): string[] {
  return s.match(/\d+|\D+/g) ?? [];
}

/** Compares digit strings by numeric value without overflow (`0007` = `7`, tie → shorter first). */
function compareDigits(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, '');
  const b = y.replace(/^0+(?=\d)/, '');
  if (a.length !== b.length) return a.length - b.length;
  if (a !== b) return a < b ? -1 : 1;
  return x.length - y.length;
}
