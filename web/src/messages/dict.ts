// Each message file pairs a Vietnamese and an English dictionary; the English one must have exactly the same keys.
export function dict<const V extends Record<string, string>>(vi: V, en: { [K in keyof V]: string }) {
  return { vi, en };
}
