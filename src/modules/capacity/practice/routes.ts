// HTTP of the capacity module's practice part (issue 6). Filled in by its owner.
import type { App, AppContext } from '../../../context.js';

export function practiceRoutes(_app: App, _ctx: AppContext): void {}
