// The procedure catalogue: the national record of each procedure, in versions with effective dates.
// Pure rules here: which components are required, the time limit of a channel, the online level.
import crypto from 'node:crypto';
import type { Msg } from '../../errors.js';

export type ChannelName = 'counter' | 'online' | 'postal';
export type LimitUnit = 'working_day' | 'day' | 'hour' | 'same_day';
export type LimitUnitOrNull = 'working_day' | 'day' | 'hour' | null;

export interface ChannelInfo {
  channel: ChannelName;
  timeLimit: { value: number | null; unit: LimitUnitOrNull | 'same_day'; text: string | null; unitSetBy: 'source' | 'admin' | null };
  fee: { amount: number | null; currency: string | null; text: string | null };
  description: string | null;
}

export interface ComponentInfo {
  key: string;
  name: string;
  form: string | null;
  originals: number;
  copies: number;
  note: string | null;
  required: boolean;
}

export interface ProcedureContent {
  code: string;
  name: string;
  field: string;
  ministry: string | null;
  decision: string | null;
  levels: string[];
  applicants: string | null;
  agency: string | null;
  channels: ChannelInfo[];
  components: ComponentInfo[];
  componentNotes: string[];
  results: Array<{ name: string; code: string | null }>;
  legalBasis: Array<{ number: string; title: string | null }>;
  steps: string | null;
  requirements: string | null;
  onlineLevel: 'full' | 'partial' | 'none';
  source: string | null;
}

/** A stable key for a component: its position plus a short hash of its name. */
export function componentKey(name: string, index: number): string {
  const h = crypto.createHash('sha1').update(name.normalize('NFC')).digest('hex').slice(0, 6);
  return `c${index + 1}-${h}`;
}

const CONDITIONAL = /(nếu có|trường hợp|đối với|nếu người|nếu là|tùy trường hợp|nếu)/i;

/**
 * A component is required at intake when the catalogue asks for at least one original or copy and neither the
 * note nor the name makes it conditional ("nếu có", "Trường hợp …"). Rows with 0 originals and 0 copies are
 * guidance, not documents. An admin can change `required` in a new version.
 */
export function isRequiredComponent(c: { name: string; originals: number; copies: number; note?: string | null }): boolean {
  if (c.originals + c.copies === 0) return false;
  if (c.note && CONDITIONAL.test(c.note)) return false;
  if (/^(trường hợp|đối với|nếu)/i.test(c.name.trim())) return false;
  return true;
}

export function onlineLevelOf(channels: ChannelName[]): 'full' | 'partial' | 'none' {
  if (!channels.includes('online')) return 'none';
  return channels.includes('counter') ? 'partial' : 'full';
}

export type LimitResolution =
  | { ok: true; limit: { value: number; unit: LimitUnit }; fee: number | null }
  | { ok: false; reason: Msg };

/**
 * The time limit for a dossier received through `channel`. The first row for the channel wins (later rows are
 * other cases or stages); a 0 working-day limit means "same day".
 */
export function limitFor(channels: ChannelInfo[], channel: ChannelName): LimitResolution {
  const row = channels.find((c) => c.channel === channel) ?? (channel === 'postal' ? channels.find((c) => c.channel === 'counter') : undefined);
  if (!row) {
    return {
      ok: false,
      reason: {
        vi: `Thủ tục này không tiếp nhận qua kênh "${CHANNEL_NAMES[channel].vi}".`,
        en: `This procedure is not received through the ${CHANNEL_NAMES[channel].en} channel.`,
      },
    };
  }
  const { value, unit } = row.timeLimit;
  if (value === null || unit === null) {
    return {
      ok: false,
      reason: {
        vi: `Thời hạn giải quyết của thủ tục chưa xác định đơn vị ("${row.timeLimit.text ?? ''}"). Quản trị viên cần đặt đơn vị (ngày làm việc, ngày, giờ) trước khi tiếp nhận.`,
        en: `The procedure's time limit has no unit ("${row.timeLimit.text ?? ''}"). An admin must set it (working days, days, hours) before intake.`,
      },
    };
  }
  const limit = value === 0 && unit !== 'same_day' ? { value: 0, unit: 'same_day' as const } : { value, unit };
  return { ok: true, limit, fee: row.fee.amount };
}

export const CHANNEL_NAMES: Record<ChannelName, Msg> = {
  counter: { vi: 'Trực tiếp', en: 'counter' },
  online: { vi: 'Trực tuyến', en: 'online' },
  postal: { vi: 'Bưu chính', en: 'postal' },
};

export const LIMIT_UNIT_NAMES: Record<LimitUnit, Msg> = {
  working_day: { vi: 'ngày làm việc', en: 'working days' },
  day: { vi: 'ngày', en: 'days' },
  hour: { vi: 'giờ làm việc', en: 'working hours' },
  same_day: { vi: 'trong ngày', en: 'same day' },
};

/** Content equality for re-imports: a new version is written only when something changed. */
export function sameContent(a: ProcedureContent, b: ProcedureContent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
