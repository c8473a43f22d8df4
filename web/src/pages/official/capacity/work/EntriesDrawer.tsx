// The ledger entries behind one evidence figure: each action the official took on a real dossier in the
// period, with the dossier's code (a link to the dossier), the time spent against the time allotted and what
// came of it. Opened from a figure of the evidence table; pages through the server's list.
import { useState } from 'react';
import { Drawer, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ErrorState } from '../../../../components/common';
import { useI18n } from '../../../../i18n';
import { Link } from '../../../../router';
import { useApi } from '../../../../useApi';
import { fmtDateTime, fmtWorkingMinutes } from '../../../../format';
import { num } from '../../reports/model';
import { textOf, type EvidenceEntries, type EvidenceEntry, type EvidenceFlag } from '../work-model';
import { actionName, roleName } from './parts';

export interface EntriesQuery {
  unit: string;
  from: string;
  to: string;
  official: number;
  field: string;
  flag?: EvidenceFlag | undefined;
  /** What the figure was, for the title: "Tỷ lệ bị trả lại — Nguyễn Văn An, Hộ tịch". */
  title: string;
}

export function EntriesDrawer({ query, onClose }: { query: EntriesQuery | null; onClose(): void }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<EntriesQuery | null>(null);
  // A new figure starts at its first page.
  if (query !== shown) {
    setShown(query);
    setPage(1);
  }
  const list = useApi<EvidenceEntries>(
    query ? '/api/capacity/evidence/entries' : null,
    query ? { unit: query.unit, from: query.from, to: query.to, official: query.official, field: query.field, flag: query.flag, page: page > 1 ? page : undefined } : undefined,
  );
  const items = list.data?.items ?? [];
  const pageSize = list.data?.pageSize ?? Math.max(items.length, 50);

  const columns: ColumnsType<EvidenceEntry> = [
    {
      title: t('capw.entry.dossier'),
      dataIndex: 'dossierCode',
      render: (code: string) => (
        <Link to={`/can-bo/ho-so/${encodeURIComponent(code)}`} className="mono">
          {code}
        </Link>
      ),
    },
    { title: t('capw.entry.procedure'), render: (_: unknown, e) => textOf(e.procedure.name, lang) || e.procedure.code, ellipsis: true, width: 240 },
    { title: t('capw.entry.action'), render: (_: unknown, e) => actionName(e.action, t) },
    { title: t('capw.entry.role'), render: (_: unknown, e) => roleName(e.role, t) },
    { title: t('capw.entry.at'), dataIndex: 'at', render: (v: string) => fmtDateTime(v), width: 140 },
    {
      title: t('capw.entry.time'),
      render: (_: unknown, e) =>
        e.allottedMinutes === null && e.spentMinutes === null ? '—' : `${fmtWorkingMinutes(e.spentMinutes, t)} / ${fmtWorkingMinutes(e.allottedMinutes, t)}`,
    },
    {
      title: t('capw.entry.outcome'),
      render: (_: unknown, e) => (
        <Space size={4} wrap>
          {e.sentBack ? <Tag color="red">{t('capw.flag.sent_back')}</Tag> : null}
          {e.supplement ? <Tag color="orange">{t('capw.flag.supplement')}</Tag> : null}
          {e.late ? <Tag color="red">{t('capw.flag.late')}</Tag> : null}
          {e.satisfied === false ? <Tag color="volcano">{t('capw.flag.unsatisfied')}</Tag> : null}
          {e.satisfied === true ? <Tag color="green">{t('capw.flag.satisfied')}</Tag> : null}
          {!e.sentBack && !e.supplement && !e.late && e.satisfied === null ? <span className="muted">{t('capw.entry.noFlag')}</span> : null}
        </Space>
      ),
    },
  ];

  return (
    <Drawer open={!!query} onClose={onClose} size={1000} title={query?.title ?? ''} destroyOnHidden>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<EvidenceEntry>
          rowKey="historyId"
          size="small"
          loading={list.loading}
          columns={columns}
          dataSource={items}
          data-testid="entries-table"
          caption={<span className="report-caption">{t('capw.entry.caption', { n: num(list.data?.total ?? 0, lang) })}</span>}
          locale={{ emptyText: <span className="muted">{t('capw.entry.empty')}</span> }}
          scroll={{ x: 900 }}
          pagination={
            (list.data?.total ?? 0) > pageSize
              ? { current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (n) => t('common.total', { n }), onChange: setPage }
              : false
          }
        />
      )}
    </Drawer>
  );
}
