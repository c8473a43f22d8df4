// HTTP of the capacity module's positions part (issue 6). Filled in by its owner.
import type { App, AppContext } from '../../../context.js';

export function positionsRoutes(_app: App, _ctx: AppContext): void {}
