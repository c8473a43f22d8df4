// One day's online payments reconciled: the platform's statement against what MotCua recorded, with the
// differences a receiving officer or the centre admin must resolve, each linked to its dossier.
import { useState, type ReactNode } from 'react';
import { Alert, Card, Col, Input, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { ErrorState, Loading, PageTitle } from '../../../components/common';
import { fmtDateTime, fmtMoney, todayVn } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { Link } from '../../../router';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';

interface Row_ {
  transactionId: string | null;
  reference: string | null;
  amount?: number | null;
  paidAt?: string | null;
  dossierCode: string | null;
  why?: string;
  platformAmount?: number;
  motcuaAmount?: number;
  recordedPaid?: boolean;
  reason?: string | null;
  receivedAt?: string;
  onStatement?: boolean;
}
interface Report {
  unit: { code: string; name: string };
  date: string;
  matched: Row_[];
  notRecorded: Row_[];
  notOnStatement: Row_[];
  amountMismatch: Row_[];
  late: Row_[];
  totals: { statementCount: number; statementAmount: number; recordedCount: number; recordedAmount: number; matchedCount: number; matchedAmount: number; issues: number };
}

function Section({ title, rows, columns, danger }: { title: string; rows: Row_[]; columns: Array<{ title: string; render: (r: Row_) => ReactNode; width?: number }>; danger?: boolean }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      className="section"
      title={
        <h2 className="card-title">
          {title} <Tag color={rows.length && danger ? 'red' : 'default'}>{rows.length}</Tag>
        </h2>
      }
    >
      {rows.length ? (
        <Table<Row_>
          rowKey={(r, i) => `${r.transactionId ?? r.reference}-${i}`}
          size="small"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 700 }}
          columns={columns.map((c) => ({ title: c.title, width: c.width, render: (_: unknown, r: Row_) => c.render(r) }))}
        />
      ) : (
        <span className="muted">{t('recon.allClear')}</span>
      )}
    </Card>
  );
}

export default function Reconciliation() {
  const { t, lang } = useI18n();
  const session = useSession();
  const units = session.unitsWith('centre_admin', 'receiving_officer').filter((u) => /^\d{5}$/.test(u.code));
  const [unit, setUnit] = useState(units[0]?.code ?? '');
  const [date, setDate] = useState(todayVn());
  const { data, error, loading, reload } = useApi<Report>(/^\d{4}-\d{2}-\d{2}$/.test(date) ? '/api/payments/reconciliation' : null, { unit: unit || undefined, date });

  const money = (n: number | null | undefined) => fmtMoney(n ?? null, lang);
  const dossier = { title: t('recon.col.dossier'), render: (r: Row_) => (r.dossierCode ? <Link to={`/can-bo/ho-so/${encodeURIComponent(r.dossierCode)}`}>{r.dossierCode}</Link> : '—'), width: 230 };
  const reference = { title: t('recon.col.reference'), render: (r: Row_) => <code>{r.reference ?? '—'}</code> };
  const transaction = { title: t('recon.col.transaction'), render: (r: Row_) => <code>{r.transactionId ?? '—'}</code> };
  const amount = { title: t('recon.col.amount'), render: (r: Row_) => money(r.amount), width: 120 };
  const paidAt = { title: t('recon.col.paidAt'), render: (r: Row_) => fmtDateTime(r.paidAt), width: 140 };
  const reasonText = (reason: string | null | undefined) => {
    if (!reason) return '—';
    const key = `pay.reason.${reason}` as Key;
    const text = t(key);
    return text === key ? reason : text;
  };

  return (
    <>
      <PageTitle title={t('recon.title')} />
      <Card size="small" className="section">
        <Space wrap>
          {units.length > 1 ? (
            <label>
              {t('recon.unit')}: <Select value={unit} onChange={setUnit} style={{ width: 220 }} options={units.map((u) => ({ value: u.code, label: u.name }))} />
            </label>
          ) : null}
          <label>
            {t('recon.date')}: <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} style={{ width: 170 }} />
          </label>
        </Space>
      </Card>
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
      {loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <Row gutter={16} className="section">
            <Col xs={12} md={6}>
              <Statistic title={t('recon.totals.statement')} value={t('recon.count', { n: data.totals.statementCount, amount: money(data.totals.statementAmount) })} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('recon.totals.recorded')} value={t('recon.count', { n: data.totals.recordedCount, amount: money(data.totals.recordedAmount) })} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('recon.totals.matched')} value={t('recon.count', { n: data.totals.matchedCount, amount: money(data.totals.matchedAmount) })} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('recon.totals.issues')} value={data.totals.issues} valueStyle={{ color: data.totals.issues ? '#a8071a' : '#135200' }} />
            </Col>
          </Row>
          {data.totals.issues === 0 ? <Alert type="success" showIcon title={t('recon.allClear')} style={{ marginBottom: 12 }} /> : null}
          <Section
            title={t('recon.notRecorded')}
            danger
            rows={data.notRecorded}
            columns={[dossier, reference, transaction, amount, paidAt, { title: t('recon.col.why'), render: (r) => t(`recon.why.${r.why}` as Key) }]}
          />
          <Section
            title={t('recon.amountMismatch')}
            danger
            rows={data.amountMismatch}
            columns={[
              dossier,
              reference,
              transaction,
              { title: t('recon.col.platformAmount'), render: (r) => money(r.platformAmount), width: 120 },
              { title: t('recon.col.motcuaAmount'), render: (r) => money(r.motcuaAmount), width: 120 },
            ]}
          />
          <Section
            title={t('recon.late')}
            danger
            rows={data.late}
            columns={[
              dossier,
              reference,
              transaction,
              amount,
              { title: t('recon.col.receivedAt'), render: (r) => fmtDateTime(r.receivedAt), width: 140 },
              { title: t('recon.col.why'), render: (r) => reasonText(r.reason) },
              { title: t('recon.col.onStatement'), render: (r) => (r.onStatement ? t('common.yes') : t('common.no')), width: 100 },
            ]}
          />
          <Section title={t('recon.notOnStatement')} danger rows={data.notOnStatement} columns={[dossier, reference, transaction, amount, paidAt]} />
          <Section title={t('recon.matched')} rows={data.matched} columns={[dossier, reference, transaction, amount, paidAt]} />
        </>
      ) : null}
    </>
  );
}
