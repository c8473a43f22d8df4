// "Nguồn dữ liệu": where each of the dossier's applicant details and reused documents came from — the national
// population database (with the lookup that proves it), typed by the officer, or reused from an earlier dossier.
import { Card, List, Tag } from 'antd';
import { useI18n, type Key } from '../../../i18n';
import type { Dossier } from '../../../types';

export interface DataSourceEntry {
  field: string;
  source: 'population_database' | 'entered' | 'reused_document' | 'national_portal' | 'online_form';
  reference: string | null;
  recordedAt: string;
}

const COLOUR: Record<DataSourceEntry['source'], string> = {
  population_database: 'blue',
  reused_document: 'purple',
  national_portal: 'cyan',
  online_form: 'geekblue',
  entered: 'default',
};

export function DataSources({ d }: { d: Dossier }) {
  const { t } = useI18n();
  const sources = (d as Dossier & { dataSources?: DataSourceEntry[] }).dataSources ?? [];
  if (!sources.length) return null;
  const fieldName = (field: string) => {
    if (field.startsWith('components.')) {
      const key = field.slice('components.'.length);
      return d.components.find((c) => c.key === key)?.name ?? key;
    }
    return t(`sources.field.${field}` as Key);
  };
  const reference = (s: DataSourceEntry) =>
    !s.reference ? null : s.source === 'population_database' ? t('sources.reference.lookup', { id: s.reference.slice(0, 8) }) : t('sources.reference.dossier', { code: s.reference });
  return (
    <Card title={<h2 className="card-title">{t('sources.title')}</h2>} size="small" className="section" data-testid="data-sources">
      <List
        size="small"
        dataSource={sources}
        renderItem={(s) => (
          <List.Item key={s.field}>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', width: '100%' }}>
              <span>{fieldName(s.field)}</span>
              <span>
                <Tag color={COLOUR[s.source]}>{t(`sources.source.${s.source}`)}</Tag>
                {reference(s) ? <span className="muted">{reference(s)}</span> : null}
              </span>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
