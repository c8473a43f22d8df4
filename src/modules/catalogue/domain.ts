// The procedure catalogue: the national record of each procedure, in versions with effective dates.
// Pure rules here: which components are required, the time limit of a channel, the online level.
import crypto from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json.js';
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

export interface ComponentSource {
  name: string;
  form?: string | null;
  originals: number;
  copies: number;
  note?: string | null;
  required?: boolean | undefined;
}

/** A component with a key unique among `taken` (which it joins); `required` defaults to the rule below. */
export function newComponent(c: ComponentSource, index: number, taken: Set<string>): ComponentInfo {
  let key = componentKey(c.name, index);
  while (taken.has(key)) key = `${key}-${index}`;
  taken.add(key);
  return {
    key,
    name: c.name,
    form: c.form ?? null,
    originals: c.originals,
    copies: c.copies,
    note: c.note ?? null,
    required: c.required ?? isRequiredComponent(c),
  };
}

/** A stable key for a component: its position plus a short hash of its name. */
export function componentKey(name: string, index: number): string {
  const h = crypto.createHash('sha1').update(name.normalize('NFC')).digest('hex').slice(0, 6);
  return `c${index + 1}-${h}`;
}

const CONDITIONAL_NOTE = /(nếu có|trường hợp|đối với|nếu người|nếu là|tùy trường hợp|\bnếu\b)/i;
/** Conditions written into the name itself: "… trong trường hợp …", "(nếu có)", "nếu người có yêu cầu lựa chọn …". */
const CONDITIONAL_NAME = /(trong trường hợp|\(nếu có\)|nếu có\b|nếu người có yêu cầu|đối với trường hợp)/i;

/**
 * A component is required at intake when the catalogue asks for at least one original or copy and neither the
 * note nor the name makes it conditional ("nếu có", "Trường hợp …", "… trong trường hợp …"). Rows with 0 originals
 * and 0 copies are guidance, not documents. "Giấy chứng sinh; trường hợp không có … thì nộp …" stays required: the
 * condition there offers an alternative, not an exemption. An admin can change `required` in a new version.
 */
export function isRequiredComponent(c: { name: string; originals: number; copies: number; note?: string | null }): boolean {
  if (c.originals + c.copies === 0) return false;
  if (c.note && CONDITIONAL_NOTE.test(c.note)) return false;
  const name = c.name.trim();
  if (/^(trường hợp|đối với|nếu)/i.test(name)) return false;
  if (CONDITIONAL_NAME.test(name)) return false;
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


const CONTENT_KEYS = [
  'code', 'name', 'field', 'ministry', 'decision', 'levels', 'applicants', 'agency', 'channels', 'components',
  'componentNotes', 'results', 'legalBasis', 'steps', 'requirements', 'onlineLevel', 'source',
] as const satisfies ReadonlyArray<keyof ProcedureContent>;

/** Only the catalogue content of a version (drops ids and dates), so it can be compared or patched. */
export function contentOf(v: ProcedureContent): ProcedureContent {
  const out = {} as Record<string, unknown>;
  for (const k of CONTENT_KEYS) out[k] = v[k];
  return out as unknown as ProcedureContent;
}


/** The top-level content fields that differ between two versions. */
export function changedFields(a: ProcedureContent, b: ProcedureContent): string[] {
  return CONTENT_KEYS.filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k]));
}

/** Content equality for re-imports: a new version is written only when something changed. */
export function sameContent(a: ProcedureContent, b: ProcedureContent): boolean {
  return changedFields(a, b).length === 0;
}

/**
 * A re-import of the national file must not undo what an admin decided: a time-limit unit the source lacks
 * and an admin set (same channel row, same source text), the `required` flag of an unchanged component, and
 * the online level while the set of channels stays the same. A unit the source now states wins.
 */
export function carryOverAdminChoices(incoming: ProcedureContent, current: ProcedureContent | undefined): ProcedureContent {
  if (!current) return incoming;
  const channels = incoming.channels.map((row, i) => {
    const prev = current.channels[i];
    if (
      row.timeLimit.unit === null &&
      prev?.channel === row.channel &&
      prev.timeLimit.unitSetBy === 'admin' &&
      prev.timeLimit.text === row.timeLimit.text
    ) {
      return { ...row, timeLimit: { ...prev.timeLimit } };
    }
    return row;
  });
  const before = new Map(current.components.map((c) => [c.key, c]));
  const components = incoming.components.map((c) => {
    const prev = before.get(c.key);
    const unchanged = prev && prev.name === c.name && prev.originals === c.originals && prev.copies === c.copies && prev.note === c.note;
    return unchanged ? { ...c, required: prev.required } : c;
  });
  const channelSet = (list: ChannelInfo[]) => [...new Set(list.map((c) => c.channel))].sort().join(',');
  const onlineLevel = channelSet(incoming.channels) === channelSet(current.channels) ? current.onlineLevel : incoming.onlineLevel;
  return { ...incoming, channels, components, onlineLevel };
}

/**
 * Rows an admin wrote get `unitSetBy: 'admin'` unless they repeat the row already in force (same index,
 * channel, value and unit), which keeps the attribution it had.
 */
export function attributeUnits(next: ChannelInfo[], current: ChannelInfo[]): ChannelInfo[] {
  return next.map((row, i) => {
    const prev = current[i];
    const same = prev && prev.channel === row.channel && prev.timeLimit.value === row.timeLimit.value && prev.timeLimit.unit === row.timeLimit.unit;
    const unitSetBy = row.timeLimit.unit === null ? null : same ? prev.timeLimit.unitSetBy : ('admin' as const);
    return { ...row, timeLimit: { ...row.timeLimit, unitSetBy } };
  });
}

export interface ComponentPatch {
  key: string;
  name?: string;
  form?: string | null;
  originals?: number;
  copies?: number;
  note?: string | null;
  required?: boolean;
}

export interface NewComponent {
  name: string;
  form?: string | null;
  originals: number;
  copies: number;
  note?: string | null;
  required?: boolean;
}

export type ChannelInput = Omit<ChannelInfo, 'timeLimit'> & { timeLimit: { value: number | null; unit: LimitUnit | null; text: string | null } };

/** A partial change to a procedure: fields left out keep their value in force. */
export interface ProcedurePatch {
  name?: string;
  field?: string;
  ministry?: string | null;
  decision?: string | null;
  levels?: string[];
  applicants?: string | null;
  agency?: string | null;
  steps?: string | null;
  requirements?: string | null;
  source?: string | null;
  onlineLevel?: 'full' | 'partial' | 'none';
  /** Replaces the whole list of channel rows. */
  channels?: ChannelInput[];
  /** Changes existing components, found by key. */
  components?: ComponentPatch[];
  addComponents?: NewComponent[];
  removeComponents?: string[];
  componentNotes?: string[];
  results?: ProcedureContent['results'];
  legalBasis?: ProcedureContent['legalBasis'];
}

export type PatchResult = { ok: true; content: ProcedureContent } | { ok: false; field: string; reason: Msg };

/**
 * Applies a patch to the content in force. Field paths in a failure are relative to the patch
 * ("components.2.key"), so the caller can prefix where the patch sat in its input.
 */
export function applyPatch(current: ProcedureContent, patch: ProcedurePatch): PatchResult {
  const next: ProcedureContent = { ...contentOf(current) };
  for (const k of ['name', 'field', 'ministry', 'decision', 'levels', 'applicants', 'agency', 'steps', 'requirements', 'source', 'componentNotes', 'results', 'legalBasis'] as const) {
    if (patch[k] !== undefined) (next as unknown as Record<string, unknown>)[k] = patch[k];
  }
  if (patch.channels) next.channels = attributeUnits(patch.channels.map((c) => ({ ...c, timeLimit: { ...c.timeLimit, unitSetBy: null } })), current.channels);

  const components = current.components.map((c) => ({ ...c }));
  const index = new Map(components.map((c, i) => [c.key, i]));
  for (const [i, p] of (patch.components ?? []).entries()) {
    const at = index.get(p.key);
    if (at === undefined) return unknownComponent(`components.${i}.key`, p.key);
    const { key: _key, ...changes } = p;
    components[at] = { ...components[at]!, ...definedOnly(changes) };
  }
  const removed = new Set<string>();
  for (const [i, key] of (patch.removeComponents ?? []).entries()) {
    if (!index.has(key)) return unknownComponent(`removeComponents.${i}`, key);
    removed.add(key);
  }
  const kept = components.filter((c) => !removed.has(c.key));
  const keys = new Set(kept.map((c) => c.key));
  for (const c of patch.addComponents ?? []) kept.push(newComponent(c, kept.length, keys));
  next.components = kept;

  if (patch.onlineLevel !== undefined) next.onlineLevel = patch.onlineLevel;
  else if (patch.channels) next.onlineLevel = onlineLevelOf(next.channels.map((c) => c.channel));
  const level = checkOnlineLevel(next);
  if (level) return { ok: false, field: patch.onlineLevel !== undefined ? 'onlineLevel' : 'channels', reason: level };
  return { ok: true, content: next };
}

/** Full or partial online service needs a channel row through which dossiers arrive online. */
export function checkOnlineLevel(c: ProcedureContent): Msg | null {
  if (c.onlineLevel !== 'none' && !c.channels.some((ch) => ch.channel === 'online')) {
    return {
      vi: `Mức dịch vụ công trực tuyến "${c.onlineLevel === 'full' ? 'toàn trình' : 'một phần'}" cần có kênh nộp trực tuyến.`,
      en: `Online level "${c.onlineLevel}" needs an online channel.`,
    };
  }
  return null;
}

/**
 * Sets the time limit of the `row`-th row of `channel` (the first row is the one intake uses), attributed
 * to an admin. Returns null when the procedure has no such row.
 */
export function setTimeLimit(
  content: ProcedureContent,
  channel: ChannelName,
  row: number,
  limit: { value: number; unit: LimitUnit },
): ProcedureContent | null {
  const positions = content.channels.flatMap((c, i) => (c.channel === channel ? [i] : []));
  const at = positions[row];
  if (at === undefined) return null;
  const channels = content.channels.map((c, i) =>
    i === at ? { ...c, timeLimit: { ...c.timeLimit, value: limit.value, unit: limit.unit, unitSetBy: 'admin' as const } } : c,
  );
  return { ...contentOf(content), channels };
}

function unknownComponent(field: string, key: string): PatchResult {
  return {
    ok: false,
    field,
    reason: { vi: `Không có thành phần hồ sơ mã "${key}" trong phiên bản hiện hành.`, en: `No component with key "${key}" in the version in force.` },
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
