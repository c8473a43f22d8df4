// The unit a capacity page is about, kept in the address (?unit=): a commune leader sees their commune; someone
// who leads several units picks one; a province viewer picks the province (aggregates) or one of its communes.
import { Form, Select, Typography } from 'antd';
import { useI18n } from '../../../../i18n';
import { useSearch } from '../../../../router';
import { useSession } from '../../../../session';
import { useApi } from '../../../../useApi';
import { todayVn } from '../../../../format';
import type { Role } from '../../../../types';
import { CAP_LEADERS, CAP_PROVINCE } from '../model';

export interface CapUnit {
  code: string;
  name: string;
  isProvince: boolean;
  /** Named data (a unit the person leads) or aggregates only (a province viewer). */
  named: boolean;
  units: Array<{ code: string; name: string; province: boolean }>;
  set(code: string): void;
  search: Record<string, string>;
  setSearch(changes: Record<string, string | number | undefined | null>): void;
}

const isProvinceCode = (code: string) => /^\d{2}$/.test(code);

/** `aggregate` pages (gaps, training) also offer a province viewer the province and its communes. */
export function useCapacityUnit(options: { aggregate?: boolean } = {}): CapUnit {
  const session = useSession();
  const [search, setSearch] = useSearch();
  const led = session.unitsWith(...CAP_LEADERS).filter((u) => !isProvinceCode(u.code));
  const viewerUnits = options.aggregate ? session.unitsWith(...(CAP_PROVINCE as Role[])) : [];
  const province = viewerUnits.find((u) => isProvinceCode(u.code)) ?? null;
  const communes = useApi<{ units: Array<{ code: string; name: string; kind: string }> }>(province ? '/api/units' : null, province ? { province: province.code, limit: 500 } : undefined);
  const units = [
    ...led.map((u) => ({ ...u, province: false })),
    ...(province ? [{ ...province, province: true }] : []),
    ...(communes.data?.units ?? [])
      .filter((u) => u.kind !== 'province' && !led.some((l) => l.code === u.code))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
      .map((u) => ({ code: u.code, name: u.name, province: false })),
  ];
  const code = search.unit && (units.some((u) => u.code === search.unit) || (province && communes.loading)) ? search.unit : (units[0]?.code ?? '');
  return {
    code,
    name: units.find((u) => u.code === code)?.name ?? code,
    isProvince: isProvinceCode(code),
    named: led.some((u) => u.code === code),
    units,
    set: (c) => setSearch({ unit: c }),
    search,
    setSearch,
  };
}

/** The unit as a select when there is a choice, as plain text otherwise. */
export function UnitPicker({ unit }: { unit: CapUnit }) {
  const { t } = useI18n();
  if (unit.units.length <= 1) {
    return (
      <Form.Item label={t('cp.unit')}>
        <Typography.Text strong data-testid="cap-unit">
          {unit.name}
        </Typography.Text>
      </Form.Item>
    );
  }
  return (
    <Form.Item label={t('cp.unit')} htmlFor="cap-unit">
      <Select
        id="cap-unit"
        showSearch
        optionFilterProp="label"
        style={{ minWidth: 240 }}
        value={unit.code}
        onChange={(v: string) => unit.set(v)}
        options={unit.units.map((u) => ({ value: u.code, label: u.province ? `${u.name} (${t('cp.wholeProvince')})` : u.name }))}
      />
    </Form.Item>
  );
}

/** This year in Vietnam. */
export const thisYear = () => Number(todayVn().slice(0, 4));

export function yearOptions(): number[] {
  const y = thisYear();
  return [y + 1, y, y - 1, y - 2, y - 3];
}

export function YearPicker({ year, onChange }: { year: number; onChange(y: number): void }) {
  const { t } = useI18n();
  return (
    <Form.Item label={t('cp.year')} htmlFor="cap-year">
      <Select id="cap-year" style={{ width: 110 }} value={year} onChange={onChange} options={yearOptions().map((y) => ({ value: y, label: String(y) }))} />
    </Form.Item>
  );
}

