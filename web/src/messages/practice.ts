// Words of practice mode (practice pages and the practice banner and guide on the dossier screens).
import { dict } from './dict';

export const practice = dict(
  {

  },
  {

  },
);
