import { berichtPartHelper } from '../bericht-part.js';

export default berichtPartHelper('massnahmenstand',
  'Aus einem Sachstandsbericht: je Handlungsfeld die Maßnahmen mit ihrem Stand am Stichtag, überfällige hervorgehoben.',
  '{{stand "M-07"}} (Stand einer Maßnahme) oder {{anzahl massnahmen status="…"}}');
