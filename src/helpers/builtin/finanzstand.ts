import { berichtPartHelper } from '../bericht-part.js';

export default berichtPartHelper('finanzstand',
  'Aus einem Sachstandsbericht: geplante und ausgegebene Mittel je Handlungsfeld, Haushaltsjahr und Finanzierung.',
  '{{summe kosten}}');
