import { berichtPartHelper } from '../bericht-part.js';

export default berichtPartHelper('zielstand',
  'Aus einem Sachstandsbericht: je Ziel die Frist, die Bewertung seiner Indikatoren und die Bewertung der Verwaltung.',
  '{{frist "…"}} (Frist eines Ziels)');
