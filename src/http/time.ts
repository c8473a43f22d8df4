// API times are ISO 8601 in Vietnam time (+07:00), the way officials and citizens read them; milliseconds
// are written only when there are any.
const OFFSET_MS = 7 * 3600_000;

export function toVietnamIso(at: Date): string {
  const shifted = new Date(new Date(at).getTime() + OFFSET_MS).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const ms = shifted.slice(19, 23);
  return `${shifted.slice(0, 19)}${ms === '.000' ? '' : ms}+07:00`;
}

export function isoVn(at: Date): string;
export function isoVn(at: Date | null | undefined): string | null;
export function isoVn(at: Date | null | undefined): string | null {
  return at ? toVietnamIso(at) : null;
}
