// Evidence of competence from real work (issue 6 item 6): per official × field over a period, the dossiers
// handled, the send-back, supplement and on-time rates, the citizens' satisfaction and the time spent against
// the time allotted; MotCua's suggested level beside the held one, and the leader's decision (confirm, or
// override with a note). Every figure opens the ledger entries behind it. An official sees only their own rows;
// the province sees each commune × field without names.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Popconfirm, Select, Space, Table, App } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../../api';
import { ErrorState, PageTitle } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { Link } from '../../../router';
import { useApi } from '../../../useApi';
import { fmtDateTime, fmtWorkingMinutes } from '../../../format';
import { num, pct } from '../reports/model';
import { ReportFilters } from '../reports/ReportFilters';
import { KeyboardScroll } from '../reports/parts';
import type { DecisionBody, Evidence as EvidenceData, EvidenceAggregateRow, EvidenceFlag, EvidenceRow } from './work-model';
import { EntriesDrawer, type EntriesQuery } from './work/EntriesDrawer';
import { DecisionModal, type DecisionTarget } from './work/DecisionModal';
import { FigureButton, LevelTag, useWorkScope } from './work/parts';
import './work/work.css';

export default function Evidence() {
  const { t, m, lang, errorText } = useI18n();
  const { message } = App.useApp();
  const scope = useWorkScope();
  const data = useApi<EvidenceData>(scope.unit ? '/api/capacity/evidence' : null, { unit: scope.unit, from: scope.from, to: scope.to });
  const [drill, setDrill] = useState<EntriesQuery | null>(null);
  const [decide, setDecide] = useState<DecisionTarget | null>(null);
  const field = scope.search.field ?? '';
  const official = scope.search.official ?? '';

  const aggregate = data.data?.scope === 'aggregate' || scope.isProvince;
  const title = aggregate ? t('capw.ev.titleProvince') : scope.isLeader ? t('capw.ev.title') : t('capw.ev.titleMine');
  const unitRows = data.data?.scope === 'unit' ? data.data.rows : [];
  const aggRows = data.data?.scope === 'aggregate' ? data.data.rows : [];
  const fields = useMemo(() => [...new Set((data.data?.rows ?? []).map((r) => r.field))].sort((a, b) => a.localeCompare(b, 'vi')), [data.data]);
  const people = useMemo(() => {
    const seen = new Map<number, string>();
    for (const r of unitRows) seen.set(r.official.id, r.official.fullName);
    return [...seen].sort((a, b) => a[1].localeCompare(b[1], 'vi'));
  }, [unitRows]);
  const shownUnit = unitRows.filter((r) => (!field || r.field === field) && (!official || String(r.official.id) === official));
  const shownAgg = aggRows.filter((r) => !field || r.field === field);

  const open = (r: EvidenceRow, what: string, flag?: EvidenceFlag) =>
    setDrill({ unit: scope.unit, from: scope.from, to: scope.to, official: r.official.id, field: r.field, flag, title: t('capw.ev.drillTitle', { what, name: r.official.fullName, field: r.field }) });

  const rate = (r: EvidenceRow, value: number | null, n: number, of: number, what: string, flag: EvidenceFlag, testId: string) => (
    <div>
      <FigureButton onOpen={() => open(r, what, flag)} disabled={n === 0} what={what} testId={testId}>
        {pct(value, lang)}
      </FigureButton>
      <div className="muted capw-sub">{t('capw.ofN', { n: num(n, lang), of: num(of, lang) })}</div>
    </div>
  );

  const columns: ColumnsType<EvidenceRow> = [
    {
      title: t('capw.col.official'),
      key: 'official',
      fixed: 'left',
      width: 160,
      render: (_: unknown, r) => (scope.isLeader && r.official.id !== scope.me ? <Link to={`/can-bo/nang-luc/can-bo/${r.official.id}`}>{r.official.fullName}</Link> : r.official.fullName),
    },
    { title: t('capw.col.field'), dataIndex: 'field', width: 130 },
    {
      title: t('capw.col.levels'),
      key: 'levels',
      width: 210,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={2}>
          <span>
            {t('capw.suggested')}: <LevelTag level={r.suggestedLevel} testId="ev-suggested" />
          </span>
          <span>
            {t('capw.held')}: <LevelTag level={r.heldLevel} testId="ev-held" />
          </span>
          {r.suggestionReason ? <span className="muted capw-sub">{m(r.suggestionReason)}</span> : null}
          {r.enoughEvidence === false ? <span className="muted capw-sub">{t('capw.ev.notEnough')}</span> : null}
        </Space>
      ),
    },
    {
      title: t('capw.col.decision'),
      key: 'decision',
      width: 190,
      render: (_: unknown, r) => {
        const d = r.lastDecision;
        if (!d) return <span className="muted">{t('capw.decision.none')}</span>;
        return (
          <div data-testid="ev-decision" data-decision={d.decision}>
            <strong>{d.decision === 'confirmed' ? t('capw.decision.confirmed', { level: d.level }) : t('capw.decision.overridden', { level: d.level, suggested: d.suggestedLevel ?? '—' })}</strong>
            <div className="muted capw-sub">
              {d.by ? `${d.by} · ` : ''}
              {fmtDateTime(d.at)}
            </div>
            {d.note ? <div className="capw-sub pre-wrap">{d.note}</div> : null}
          </div>
        );
      },
    },
    {
      title: t('capw.col.dossiers'),
      key: 'dossiers',
      width: 100,
      render: (_: unknown, r) => (
        <div>
          <FigureButton onOpen={() => open(r, t('capw.col.dossiers'))} disabled={r.dossiers === 0 && r.actions === 0} what={t('capw.col.dossiers')} testId="ev-dossiers">
            {num(r.dossiers, lang)}
          </FigureButton>
          <div className="muted capw-sub">{t('capw.actionsN', { n: num(r.actions, lang) })}</div>
        </div>
      ),
    },
    { title: t('capw.col.sendBack'), key: 'sendBack', width: 110, render: (_: unknown, r) => rate(r, r.sendBackRate, r.sentBack, r.submitted, t('capw.col.sendBack'), 'sent_back', 'ev-sendback') },
    { title: t('capw.col.supplement'), key: 'supplement', width: 110, render: (_: unknown, r) => rate(r, r.supplementRate, r.supplements, r.dossiers, t('capw.col.supplement'), 'supplement', 'ev-supplement') },
    {
      title: t('capw.col.onTime'),
      key: 'onTime',
      width: 110,
      render: (_: unknown, r) => (
        <div>
          <FigureButton onOpen={() => open(r, t('capw.ev.lateSteps'), 'late')} disabled={r.late === 0} what={t('capw.col.onTime')} testId="ev-ontime">
            {pct(r.onTimeRate, lang)}
          </FigureButton>
          <div className="muted capw-sub">{t('capw.lateOf', { n: num(r.late, lang), of: num(r.steps, lang) })}</div>
        </div>
      ),
    },
    {
      title: t('capw.col.satisfaction'),
      key: 'satisfaction',
      width: 130,
      render: (_: unknown, r) => (
        <div>
          <FigureButton
            onOpen={() => open(r, t('capw.ev.unsatisfied'), 'unsatisfied')}
            disabled={r.rated - r.satisfied === 0}
            what={t('capw.col.satisfaction')}
            testId="ev-satisfaction"
          >
            {pct(r.satisfactionRate, lang)}
          </FigureButton>
          <div className="muted capw-sub">{t('capw.ratedN', { n: num(r.rated, lang) })}</div>
        </div>
      ),
    },
    {
      title: t('capw.col.time'),
      key: 'time',
      width: 170,
      render: (_: unknown, r) => (
        <div>
          <div>{fmtWorkingMinutes(r.spentMinutes, t)}</div>
          <div className="muted capw-sub">{t('capw.ofAllotted', { time: fmtWorkingMinutes(r.allottedMinutes, t) })}</div>
        </div>
      ),
    },
  ];
  if (scope.isLeader) {
    columns.push({
      title: t('capw.col.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_: unknown, r) =>
        r.official.id === scope.me ? (
          <span className="muted capw-sub">{t('capw.decide.notSelf')}</span>
        ) : (
          <Space orientation="vertical" size={4}>
            <Popconfirm
              title={t('capw.decide.confirmTitle')}
              description={t('capw.decide.confirmQuestion', { level: r.suggestedLevel, name: r.official.fullName, field: r.field })}
              okText={t('capw.decide.saveConfirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => confirm(r)}
            >
              <Button size="small" type="primary" data-testid="ev-confirm">
                {t('capw.decide.confirm', { level: r.suggestedLevel })}
              </Button>
            </Popconfirm>
            <Button size="small" onClick={() => setDecide({ row: r, mode: 'override' })} data-testid="ev-override">
              {t('capw.decide.override')}
            </Button>
          </Space>
        ),
    });
  }

  const confirm = async (r: EvidenceRow) => {
    try {
      const body: DecisionBody = { accountId: r.official.id, field: r.field, from: scope.from, to: scope.to, level: r.suggestedLevel };
      await api.post('/api/capacity/evidence/decisions', body);
      message.success(t('capw.decide.confirmed'));
      data.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const aggColumns: ColumnsType<EvidenceAggregateRow> = [
    { title: t('capw.col.commune'), key: 'unit', render: (_: unknown, r) => r.unit.name },
    { title: t('capw.col.field'), dataIndex: 'field' },
    { title: t('capw.col.officials'), dataIndex: 'officials', render: (v: number) => num(v, lang) },
    { title: t('capw.col.dossiers'), dataIndex: 'dossiers', render: (v: number | undefined) => num(v, lang) },
    { title: t('capw.col.sendBack'), dataIndex: 'sendBackRate', render: (v: number | null | undefined) => pct(v, lang) },
    { title: t('capw.col.supplement'), dataIndex: 'supplementRate', render: (v: number | null | undefined) => pct(v, lang) },
    { title: t('capw.col.onTime'), dataIndex: 'onTimeRate', render: (v: number | null | undefined) => pct(v, lang) },
    { title: t('capw.col.satisfaction'), dataIndex: 'satisfactionRate', render: (v: number | null | undefined) => pct(v, lang) },
  ];

  return (
    <>
      <PageTitle title={title} />
      <ReportFilters scope={scope}>
        {fields.length > 1 ? (
          <Form.Item label={t('capw.col.field')} htmlFor="ev-field">
            <Select id="ev-field" allowClear style={{ minWidth: 180 }} value={field || undefined} placeholder={t('common.all')} onChange={(v?: string) => scope.set({ field: v })} options={fields.map((f) => ({ value: f, label: f }))} />
          </Form.Item>
        ) : null}
        {scope.isLeader && people.length > 1 ? (
          <Form.Item label={t('capw.col.official')} htmlFor="ev-official">
            <Select
              id="ev-official"
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ minWidth: 200 }}
              value={official || undefined}
              placeholder={t('common.all')}
              onChange={(v?: string) => scope.set({ official: v })}
              options={people.map(([id, name]) => ({ value: String(id), label: name }))}
            />
          </Form.Item>
        ) : null}
      </ReportFilters>
      <Alert
        className="section"
        type="info"
        showIcon
        title={aggregate ? t('capw.ev.introProvince') : scope.isLeader ? t('capw.ev.introLeader') : t('capw.ev.introMine')}
        description={data.data?.rule ? <details><summary>{t('capw.ev.howSuggested')}</summary>{m(data.data.rule)}</details> : undefined}
      />
      {data.error ? (
        <ErrorState error={data.error} onRetry={data.reload} />
      ) : aggregate ? (
        <Card className="section" size="small">
          <KeyboardScroll label={title}>
            <Table<EvidenceAggregateRow>
              rowKey={(r) => `${r.unit.code}|${r.field}`}
              size="small"
              loading={data.loading}
              columns={aggColumns}
              dataSource={shownAgg}
              data-testid="evidence-aggregate"
              caption={<span className="report-caption">{t('capw.ev.captionProvince')}</span>}
              locale={{ emptyText: <span className="muted">{t('capw.ev.empty')}</span> }}
              scroll={{ x: 1100 }}
              pagination={shownAgg.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            />
          </KeyboardScroll>
        </Card>
      ) : (
        <Card className="section" size="small">
          <KeyboardScroll label={title}>
            <Table<EvidenceRow>
              rowKey={(r) => `${r.official.id}|${r.field}`}
              size="small"
              loading={data.loading}
              columns={columns}
              dataSource={shownUnit}
              data-testid="evidence-table"
              caption={<span className="report-caption">{t('capw.ev.caption', { n: num(shownUnit.length, lang) })}</span>}
              locale={{ emptyText: <span className="muted">{scope.isLeader ? t('capw.ev.empty') : t('capw.ev.emptyMine')}</span> }}
              scroll={{ x: 1700 }}
              pagination={shownUnit.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            />
          </KeyboardScroll>
        </Card>
      )}
      <EntriesDrawer query={drill} onClose={() => setDrill(null)} />
      <DecisionModal
        target={decide}
        from={scope.from}
        to={scope.to}
        onClose={() => setDecide(null)}
        onDone={() => {
          setDecide(null);
          data.reload();
        }}
      />
    </>
  );
}
