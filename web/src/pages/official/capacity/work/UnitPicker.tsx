// The filter card of the pages that are about "now" or one month rather than a period: the unit (a choice only
// for someone who works in several) and the page's own filters.
import type { ReactNode } from 'react';
import { Card, Form, Select, Typography } from 'antd';
import { useI18n } from '../../../../i18n';
import type { Scope } from '../../reports/ReportFilters';

export function ReportFiltersUnitOnly({ scope, children }: { scope: Scope; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Card className="section report-filters" size="small">
      <Form layout="inline" className="filters">
        {scope.units.length > 1 ? (
          <Form.Item label={t('rep.unit')} htmlFor="work-unit">
            <Select
              id="work-unit"
              showSearch
              optionFilterProp="label"
              style={{ minWidth: 240 }}
              value={scope.unit}
              onChange={(v: string) => scope.set({ unit: v })}
              options={scope.units.map((u) => ({ value: u.code, label: u.name }))}
            />
          </Form.Item>
        ) : (
          <Form.Item label={t('rep.unit')}>
            <Typography.Text strong data-testid="report-unit">
              {scope.unitName}
            </Typography.Text>
          </Form.Item>
        )}
        {children}
      </Form>
    </Card>
  );
}
