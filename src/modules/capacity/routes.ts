// The staff-capacity module's HTTP (issue 6): positions and profiles, training, practice mode, and evidence,
// workload and appraisal from real work.
import type { App, AppContext } from '../../context.js';
import { positionsRoutes } from './positions/routes.js';
import { practiceRoutes } from './practice/routes.js';
import { trainingRoutes } from './training/routes.js';
import { workRoutes } from './work/routes.js';

export function capacityRoutes(app: App, ctx: AppContext): void {
  positionsRoutes(app, ctx);
  trainingRoutes(app, ctx);
  practiceRoutes(app, ctx);
  workRoutes(app, ctx);
}
