import { berichtPartHelper } from '../bericht-part.js';

export default berichtPartHelper('veraenderungen',
  'Aus einem Sachstandsbericht: welche Maßnahmen seit dem vorherigen Bericht ihren Stand geändert haben und welche Indikatoren sich bewegt haben.',
  '{{bewertung "…"}} (Bewertung eines Indikators)');
