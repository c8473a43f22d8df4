// API times are ISO 8601 in Vietnam time (+07:00), the way officials and citizens read them.
const OFFSET_MS = 7 * 3600_000;

export function isoVn(at: Date): string;
export function isoVn(at: Date | null | undefined): string | null;
export function isoVn(at: Date | null | undefined): string | null {
  if (!at) return null;
  const shifted = new Date(new Date(at).getTime() + OFFSET_MS).toISOString();
  return `${shifted.slice(0, 19)}+07:00`;
}
