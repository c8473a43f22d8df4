// HTTP of the capacity module's training part (issue 6). Filled in by its owner.
import type { App, AppContext } from '../../../context.js';

export function trainingRoutes(_app: App, _ctx: AppContext): void {}
