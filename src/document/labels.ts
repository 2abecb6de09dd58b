/** How enum values of the content model are printed (the YAML uses ASCII spellings). */
export const DISPLAY: Record<string, string> = {
  zurueckgestellt: 'zurückgestellt',
  Bildungstraeger: 'Bildungsträger',
  Fachkraefte: 'Fachkräfte',
  geringfuegig: 'geringfügig',
  potenzialorientiert: 'potenzialorientiert',
};

/** The printed form of an enum value. */
export function display(value: string): string {
  return DISPLAY[value] ?? value;
}

/** First letter upper case (`laufend` → `Laufend`). */
export function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
