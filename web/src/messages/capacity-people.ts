// Words of the profile, positions, gaps and training pages (W1).
import { dict } from './dict';

export const capacityPeople = dict(
  {

  },
  {

  },
);
