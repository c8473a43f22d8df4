export const DEFAULT_WORKFLOW = { steps: [] };
