// Words of the evidence, workload and appraisal pages (W2).
import { dict } from './dict';

export const capacityWork = dict(
  {

  },
  {

  },
);
