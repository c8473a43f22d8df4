// Workload (issue 6 item 7): the open dossiers each official and each office holds now, weighted by procedure;
// how long dossiers have waited in their current step; MotCua's suggested reassignments (only to officials
// competent in the dossier's field who hold the step's role), which a leader accepts or rejects with a reason;
// and the decisions taken so far.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../../api';
import { ErrorState, PageTitle } from '../../../components/common';
import { EChart, type ChartOption } from '../../../components/EChart';
import { useI18n, type Key } from '../../../i18n';
import { Link } from '../../../router';
import { useApi } from '../../../useApi';
import { fmtDateTime } from '../../../format';
import { num } from '../reports/model';
import { CHART_COLOURS, KeyboardScroll } from '../reports/parts';
import { ReportFilters } from '../reports/ReportFilters';
import { AGEING_BUCKETS, personName, textOf, type Suggestion, type Suggestions, type Workload as WorkloadData, type WorkloadAggregate, type WorkloadDecision, type WorkloadOffice, type WorkloadOfficial } from './work-model';
import { LevelTag, useWorkScope } from './work/parts';
import './work/work.css';

export default function Workload() {
  const { t, m, lang } = useI18n();
  const scope = useWorkScope();
  const q = scope.unit && !scope.isProvince ? { unit: scope.unit } : undefined;
  const load = useApi<WorkloadData>(q ? '/api/capacity/workload' : null, q);
  const province = useApi<WorkloadAggregate>(scope.isProvince && scope.unit ? '/api/capacity/workload' : null, { unit: scope.unit });
  // "Who takes Ms X's dossiers if she is away": the leader marks officials absent, the suggestions move their work.
  const absent = (scope.search.absent ?? '').split(',').filter((x) => /^\d+$/.test(x));
  const suggestions = useApi<Suggestions>(q ? '/api/capacity/workload/suggestions' : null, q ? { ...q, absent: absent.length ? absent.join(',') : undefined } : undefined);
  const decisions = useApi<{ items: WorkloadDecision[] }>(q ? '/api/capacity/workload/decisions' : null, q);
  const [deciding, setDeciding] = useState<{ s: Suggestion; decision: 'accepted' | 'rejected' } | null>(null);
  const title = t('capw.wl.title');

  const ageingData = scope.isProvince ? province.data?.ageing : load.data?.ageing;
  const ageing = useMemo(() => AGEING_BUCKETS.map((b) => ageingData?.find((a) => a.bucket === b) ?? { bucket: b, count: 0, weighted: 0 }), [ageingData]);
  const ageingOption = useMemo<ChartOption>(
    () => ({
      color: CHART_COLOURS,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: ageing.map((a) => t(`capw.bucket.${a.bucket}` as Key)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: t('capw.wl.count'), data: ageing.map((a) => a.count) },
        { type: 'bar', name: t('capw.wl.weighted'), data: ageing.map((a) => Math.round(a.weighted * 10) / 10) },
      ],
    }),
    [ageing, t],
  );

  const officialColumns: ColumnsType<WorkloadOfficial> = [
    { title: t('capw.col.official'), key: 'name', fixed: 'left', render: (_: unknown, r) => <Link to={`/can-bo/nang-luc/can-bo/${r.id}`}>{r.fullName}</Link> },
    { title: t('capw.col.office'), key: 'office', render: (_: unknown, r) => r.office?.name ?? '—' },
    { title: t('capw.wl.open'), dataIndex: 'open', render: (v: number) => num(v, lang), sorter: (a, b) => a.open - b.open },
    { title: t('capw.wl.weighted'), dataIndex: 'weighted', render: (v: number) => num(v, lang, 1), sorter: (a, b) => a.weighted - b.weighted, defaultSortOrder: 'descend' },
    { title: t('capw.wl.overdue'), dataIndex: 'overdue', render: (v: number) => (v ? <span className="capw-over">{num(v, lang)}</span> : num(v, lang)), sorter: (a, b) => a.overdue - b.overdue },
    { title: t('capw.wl.dueSoon'), dataIndex: 'dueSoon', render: (v: number) => num(v, lang) },
    { title: t('capw.wl.oldest'), dataIndex: 'oldestDays', render: (v: number | null, r) => (v === null || v === undefined || r.open === 0 ? '—' : t('capw.wl.days', { n: num(v, lang) })) },
  ];
  const officeColumns: ColumnsType<WorkloadOffice> = [
    { title: t('capw.col.office'), key: 'name', render: (_: unknown, r) => (r.id === null ? t('capw.wl.unassigned') : r.name || t('capw.wl.noOffice')) },
    { title: t('capw.wl.open'), dataIndex: 'open', render: (v: number) => num(v, lang) },
    { title: t('capw.wl.weighted'), dataIndex: 'weighted', render: (v: number) => num(v, lang, 1) },
    { title: t('capw.wl.overdue'), dataIndex: 'overdue', render: (v: number) => num(v, lang) },
  ];
  const suggestionColumns: ColumnsType<Suggestion> = [
    {
      title: t('capw.entry.dossier'),
      key: 'dossier',
      render: (_: unknown, s) => (
        <div>
          <Link to={`/can-bo/ho-so/${encodeURIComponent(s.dossier.code)}`} className="mono">
            {s.dossier.code}
          </Link>
          <div className="muted capw-sub">
            {textOf(s.dossier.procedure, lang)} · {s.dossier.field}
          </div>
          {s.dossier.dueAt ? <div className="muted capw-sub">{t('capw.wl.due', { at: fmtDateTime(s.dossier.dueAt) })}</div> : null}
        </div>
      ),
    },
    {
      title: t('capw.wl.from'),
      key: 'from',
      render: (_: unknown, s) => (
        <div>
          {s.from.fullName} {s.from.absent ? <Tag color="orange">{t('capw.wl.away')}</Tag> : null}
          <div className="muted capw-sub">{t('capw.wl.load', { n: num(s.from.weighted, lang, 1) })}</div>
        </div>
      ),
    },
    {
      title: t('capw.wl.to'),
      key: 'to',
      render: (_: unknown, s) => (
        <div>
          {s.to.fullName}
          <div className="muted capw-sub">{t('capw.wl.load', { n: num(s.to.weighted, lang, 1) })}</div>
          <LevelTag level={s.to.level} />
        </div>
      ),
    },
    { title: t('capw.wl.reason'), key: 'reason', render: (_: unknown, s) => <div className="capw-reason">{m(s.reason)}</div> },
    {
      title: t('capw.col.actions'),
      key: 'actions',
      width: 150,
      render: (_: unknown, s) => (
        <Space orientation="vertical" size={4}>
          <Button size="small" type="primary" onClick={() => setDeciding({ s, decision: 'accepted' })} data-testid="wl-accept" aria-label={t('capw.wl.acceptFor', { code: s.dossier.code })}>
            {t('capw.wl.accept')}
          </Button>
          <Button size="small" onClick={() => setDeciding({ s, decision: 'rejected' })} data-testid="wl-reject" aria-label={t('capw.wl.rejectFor', { code: s.dossier.code })}>
            {t('capw.wl.reject')}
          </Button>
        </Space>
      ),
    },
  ];
  const decisionColumns: ColumnsType<WorkloadDecision> = [
    { title: t('capw.wl.decidedAt'), dataIndex: 'decidedAt', render: (v: string) => fmtDateTime(v), width: 140 },
    {
      title: t('capw.entry.dossier'),
      key: 'dossier',
      render: (_: unknown, d) => (
        <Link to={`/can-bo/ho-so/${encodeURIComponent(d.dossier.code)}`} className="mono">
          {d.dossier.code}
        </Link>
      ),
    },
    { title: t('capw.wl.from'), key: 'from', render: (_: unknown, d) => personName(d.from) },
    { title: t('capw.wl.to'), key: 'to', render: (_: unknown, d) => personName(d.to) },
    {
      title: t('capw.wl.decision'),
      key: 'decision',
      render: (_: unknown, d) => (
        <Space size={4} wrap>
          <Tag color={d.decision === 'accepted' ? 'green' : 'default'}>{t(`capw.wl.decision.${d.decision}` as Key)}</Tag>
          {d.suggested ? <span className="muted capw-sub">{t('capw.wl.fromSuggestion')}</span> : null}
        </Space>
      ),
    },
    { title: t('capw.wl.reason'), dataIndex: 'reason', render: (v: string | null) => v || '—' },
    { title: t('capw.wl.decidedBy'), key: 'by', render: (_: unknown, d) => personName(d.decidedBy) },
  ];

  const ageingCard = (
    <Card className="section" size="small" title={<h2 className="report-card-title">{t('capw.wl.ageing')}</h2>}>
      <p className="muted capw-sub">{t('capw.wl.ageingHint')}</p>
      <EChart option={ageingOption} label={t('capw.wl.ageing')} height={240} testId="wl-ageing-chart" />
      <Table
        rowKey="bucket"
        size="small"
        pagination={false}
        dataSource={ageing}
        data-testid="wl-ageing"
        caption={<span className="report-caption">{t('capw.wl.ageingTable')}</span>}
        columns={[
          { title: t('capw.wl.bucket'), key: 'bucket', render: (_: unknown, a) => t(`capw.bucket.${a.bucket}` as Key) },
          { title: t('capw.wl.count'), dataIndex: 'count', render: (v: number) => num(v, lang) },
          { title: t('capw.wl.weighted'), dataIndex: 'weighted', render: (v: number) => num(v, lang, 1) },
        ]}
      />
    </Card>
  );

  if (scope.isProvince) {
    // The province: each commune's load, without a name.
    const rows = province.data?.units ?? [];
    return (
      <>
        <PageTitle title={title} />
        <ReportFilters scope={scope} period={false} />
        <Alert className="section" type="info" showIcon title={t('capw.wl.provinceNote')} />
        {province.error ? (
          <ErrorState error={province.error} onRetry={province.reload} />
        ) : (
          <>
            <Card className="section" size="small" title={<h2 className="report-card-title">{t('capw.wl.byCommune')}</h2>}>
              <Table
                rowKey={(r) => r.unit.code}
                size="small"
                loading={province.loading}
                dataSource={rows}
                data-testid="wl-communes"
                pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                locale={{ emptyText: <span className="muted">{t('capw.wl.emptyOfficials')}</span> }}
                columns={[
                  { title: t('capw.col.commune'), key: 'unit', render: (_: unknown, r) => r.unit.name },
                  { title: t('capw.wl.open'), dataIndex: 'open', render: (v: number) => num(v, lang), sorter: (a, b) => a.open - b.open },
                  { title: t('capw.wl.weighted'), dataIndex: 'weighted', render: (v: number) => num(v, lang, 1), sorter: (a, b) => a.weighted - b.weighted, defaultSortOrder: 'descend' },
                  { title: t('capw.wl.overdue'), dataIndex: 'overdue', render: (v: number) => num(v, lang), sorter: (a, b) => a.overdue - b.overdue },
                  { title: t('capw.wl.dueSoon'), dataIndex: 'dueSoon', render: (v: number) => num(v, lang) },
                  { title: t('capw.wl.oldest'), dataIndex: 'oldestDays', render: (v: number, r) => (r.open === 0 ? '—' : t('capw.wl.days', { n: num(v, lang) })) },
                ]}
              />
            </Card>
            {ageingCard}
          </>
        )}
      </>
    );
  }
  const items = suggestions.data?.items ?? [];
  const uncovered = suggestions.data?.uncovered ?? [];
  const unassigned = load.data?.unassigned;
  const officeRows: WorkloadOffice[] = [...(load.data?.offices ?? []), ...(unassigned && unassigned.open > 0 ? [{ id: null, name: '', ...unassigned }] : [])];
  return (
    <>
      <PageTitle title={title} />
      <ReportFilters scope={scope} period={false} />
      {load.error ? (
        <ErrorState error={load.error} onRetry={load.reload} />
      ) : (
        <>
          {load.data?.weights?.rule ? <Alert className="section" type="info" showIcon title={t('capw.wl.weightsTitle')} description={m(load.data.weights.rule)} /> : null}
          <Card className="section" size="small" title={<h2 className="report-card-title">{t('capw.wl.byOfficial')}</h2>}>
            <KeyboardScroll label={t('capw.wl.byOfficial')}>
              <Table<WorkloadOfficial>
                rowKey="id"
                size="small"
                loading={load.loading}
                columns={officialColumns}
                dataSource={load.data?.officials ?? []}
                data-testid="wl-officials"
                locale={{ emptyText: <span className="muted">{t('capw.wl.emptyOfficials')}</span> }}
                pagination={false}
                scroll={{ x: 900 }}
              />
            </KeyboardScroll>
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={10}>
              <Card className="section" size="small" title={<h2 className="report-card-title">{t('capw.wl.byOffice')}</h2>}>
                <Table<WorkloadOffice>
                  rowKey={(r) => String(r.id ?? 'none')}
                  size="small"
                  loading={load.loading}
                  columns={officeColumns}
                  dataSource={officeRows}
                  data-testid="wl-offices"
                  locale={{ emptyText: <span className="muted">{t('capw.wl.emptyOffices')}</span> }}
                  pagination={false}
                />
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              {ageingCard}
            </Col>
          </Row>
        </>
      )}
      <Card className="section" size="small" title={<h2 className="report-card-title">{t('capw.wl.suggestions')}</h2>}>
        <p className="muted capw-sub">{t('capw.wl.suggestionsHint')}</p>
        <Form layout="inline" className="section">
          <Form.Item label={t('capw.wl.absent')} htmlFor="wl-absent" help={t('capw.wl.absentHelp')}>
            <Select
              id="wl-absent"
              mode="multiple"
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ minWidth: 320 }}
              placeholder={t('capw.wl.absentPlaceholder')}
              value={absent.map(Number)}
              onChange={(v: number[]) => scope.set({ absent: v.length ? v.join(',') : undefined })}
              options={(load.data?.officials ?? []).map((o) => ({ value: o.id, label: o.fullName }))}
            />
          </Form.Item>
        </Form>
        {uncovered.length ? (
          <Alert
            className="section"
            type="warning"
            showIcon
            title={t('capw.wl.uncovered', { n: num(uncovered.length, lang) })}
            description={uncovered.map((u) => `${u.dossier.code} (${u.dossier.field}) — ${u.from.fullName}`).join('; ')}
            data-testid="wl-uncovered"
          />
        ) : null}
        {suggestions.error ? (
          <ErrorState error={suggestions.error} onRetry={suggestions.reload} />
        ) : (
          <Table<Suggestion>
            rowKey={(s) => `${s.dossier.id}|${s.to.id}`}
            size="small"
            loading={suggestions.loading}
            columns={suggestionColumns}
            dataSource={items}
            data-testid="wl-suggestions"
            locale={{ emptyText: <span className="muted">{t('capw.wl.emptySuggestions')}</span> }}
            pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 900 }}
          />
        )}
      </Card>
      <Card className="section" size="small" title={<h2 className="report-card-title">{t('capw.wl.history')}</h2>}>
        {decisions.error ? (
          <ErrorState error={decisions.error} onRetry={decisions.reload} />
        ) : (
          <Table<WorkloadDecision>
            rowKey="id"
            size="small"
            loading={decisions.loading}
            columns={decisionColumns}
            dataSource={decisions.data?.items ?? []}
            data-testid="wl-history"
            locale={{ emptyText: <span className="muted">{t('capw.wl.emptyHistory')}</span> }}
            pagination={(decisions.data?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 900 }}
          />
        )}
      </Card>
      <DecideReassignment
        target={deciding}
        onClose={() => setDeciding(null)}
        onDone={() => {
          setDeciding(null);
          load.reload();
          suggestions.reload();
          decisions.reload();
        }}
      />
    </>
  );
}

/** Accept or reject one suggestion, with a reason (asked for on a rejection, welcome on an acceptance). */
function DecideReassignment({ target, onClose, onDone }: { target: { s: Suggestion; decision: 'accepted' | 'rejected' } | null; onClose(): void; onDone(): void }) {
  const { t, lang, errorText } = useI18n();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [missing, setMissing] = useState(false);
  const [shown, setShown] = useState(target);
  if (shown !== target) {
    setShown(target);
    setReason('');
    setFailure(undefined);
    setMissing(false);
  }
  if (!target) return null;
  const { s, decision } = target;
  const accept = decision === 'accepted';
  const submit = async () => {
    if (!accept && reason.trim().length < 3) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      await api.post('/api/capacity/workload/decisions', { dossierId: s.dossier.id, toAccountId: s.to.id, suggested: true, decision, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      message.success(accept ? t('capw.wl.accepted', { code: s.dossier.code, name: s.to.fullName }) : t('capw.wl.rejected', { code: s.dossier.code }));
      onDone();
    } catch (e) {
      setFailure(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={accept ? t('capw.wl.acceptTitle') : t('capw.wl.rejectTitle')}
      okText={accept ? t('capw.wl.accept') : t('capw.wl.reject')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <p>{t('capw.wl.decideWhat', { code: s.dossier.code, procedure: textOf(s.dossier.procedure, lang), from: s.from.fullName, to: s.to.fullName })}</p>
      <Form layout="vertical">
        <Form.Item
          label={accept ? t('capw.wl.reasonOptional') : t('capw.wl.reasonRequired')}
          htmlFor="wl-reason"
          required={!accept}
          validateStatus={missing ? 'error' : undefined}
          help={missing ? t('capw.wl.reasonMissing') : undefined}
        >
          <Input.TextArea id="wl-reason" rows={3} maxLength={1000} value={reason} onChange={(e) => { setReason(e.target.value); setMissing(false); }} />
        </Form.Item>
      </Form>
      {failure ? <Alert type="error" showIcon title={failure} role="alert" /> : null}
    </Modal>
  );
}
