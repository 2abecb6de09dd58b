import { berichtPartHelper } from '../bericht-part.js';

export default berichtPartHelper('indikatorenstand',
  'Aus einem Sachstandsbericht: je Indikator der Verlauf bis zum Stichtag als Diagramm, der letzte Wert, die Veränderung und die Bewertung.',
  '{{bewertung "…"}} (Bewertung eines Indikators) oder {{wert "…"}}');
