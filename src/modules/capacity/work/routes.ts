// HTTP of the capacity module's work part (issue 6). Filled in by its owner.
import type { App, AppContext } from '../../../context.js';

export function workRoutes(_app: App, _ctx: AppContext): void {}
