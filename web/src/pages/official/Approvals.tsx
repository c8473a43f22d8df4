// The leader's approval queue: each dossier with its draft result beside it; approve or send back one by one,
// or approve many at once, with the outcome reported for each.
import { useState } from 'react';
import { App, Button, Card, List, Space, Table, Typography } from 'antd';
import { api } from '../../api';
import { ColourTag, ErrorState, LinkButton, Loading, PageTitle } from '../../components/common';
import { FileButtons, FileView } from '../../components/files';
import { fmtDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useApi } from '../../useApi';
import type { ActionResult, Dossier, DossierList, DossierListItem } from '../../types';
import { ActionDialog, takeAction } from './dossier/ActionDialog';

interface Outcome {
  code: string;
  ok: boolean;
  text: string;
}

function Draft({ id, onChanged }: { id: number; onChanged(): void }) {
  const { t, m } = useI18n();
  const { message } = App.useApp();
  const { data: d, error, reload } = useApi<Dossier>(`/api/dossiers/${id}`);
  const [sendBack, setSendBack] = useState(false);
  const [busy, setBusy] = useState(false);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!d) return <Loading />;
  const drafts = d.files.filter((f) => f.kind === 'draft_result');
  const can = (a: string) => d.allowedActions.some((x) => x.action === a);
  const approve = async () => {
    setBusy(true);
    try {
      await takeAction(d, 'approve', {});
      message.success(`${t('approvals.ok')}: ${d.code}`);
      onChanged();
    } catch (e) {
      message.error(m((e as { body?: { message: { vi: string; en: string } } }).body?.message) || String(e));
      reload();
    } finally {
      setBusy(false);
    }
  };
  const done = (r: ActionResult) => {
    setSendBack(false);
    message.success(`${m(d.allowedActions.find((a) => a.action === 'send_back')?.name)}: ${r.code}`);
    onChanged();
  };
  return (
    <Card size="small" title={<h2 className="card-title mono">{d.code}</h2>} extra={<LinkButton to={`/can-bo/ho-so/${encodeURIComponent(d.code)}`}>{t('approvals.openDossier')}</LinkButton>}>
      <Typography.Paragraph>
        <strong>{d.procedure.name}</strong>
        <br />
        {t('dossier.applicant')}: {d.applicant.name} · {t('dossier.dueAt')}: {fmtDateTime(d.dueAt)} · {t('dossier.outcome')}: {d.outcome ? t(`dossier.outcome.${d.outcome}`) : '—'}
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={approve} loading={busy} disabled={!can('approve')} data-action="approve">
          {t('approvals.approve')}
        </Button>
        <Button onClick={() => setSendBack(true)} disabled={!can('send_back')} data-action="send_back">
          {t('approvals.sendBack')}
        </Button>
      </Space>
      <h3 className="card-subtitle">{t('approvals.draft')}</h3>
      {drafts.length ? (
        <>
          <FileView file={drafts[0]!} height="60vh" />
          {drafts.length > 1 ? <FileButtons files={drafts.slice(1)} /> : null}
        </>
      ) : (
        <Typography.Paragraph className="muted">{t('approvals.noDraft')}</Typography.Paragraph>
      )}
      {sendBack ? <ActionDialog dossier={d} action="send_back" onClose={() => setSendBack(false)} onDone={done} /> : null}
    </Card>
  );
}

export default function Approvals() {
  const { t, errorText } = useI18n();
  const { modal } = App.useApp();
  const list = useApi<DossierList>('/api/dossiers', { status: 'pending_approval', limit: 100 });
  const [selected, setSelected] = useState<number[]>([]);
  const [current, setCurrent] = useState<number | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [busy, setBusy] = useState(false);
  const items = list.data?.items ?? [];

  const approveMany = async () => {
    setBusy(true);
    const results: Outcome[] = [];
    for (const id of selected) {
      const item = items.find((i) => i.id === id);
      try {
        const d = await api.get<Dossier>(`/api/dossiers/${id}`);
        await takeAction(d, 'approve', {});
        results.push({ code: item?.code ?? String(id), ok: true, text: t('approvals.ok') });
      } catch (e) {
        results.push({ code: item?.code ?? String(id), ok: false, text: `${t('approvals.failed')}: ${errorText(e)}` });
      }
    }
    setOutcomes(results);
    setSelected([]);
    setCurrent(null);
    setBusy(false);
    list.reload();
  };

  return (
    <>
      <PageTitle
        title={t('approvals.title')}
        extra={
          <Button
            type="primary"
            disabled={selected.length === 0}
            loading={busy}
            onClick={() => modal.confirm({ title: t('approvals.confirmMany', { n: selected.length }), okText: t('approvals.approve'), cancelText: t('common.cancel'), onOk: approveMany })}
          >
            {t('approvals.approveSelected', { n: selected.length })}
          </Button>
        }
      />
      {outcomes.length ? (
        <Card size="small" className="section" title={<h2 className="card-title">{t('approvals.results')}</h2>}>
          <List
            size="small"
            dataSource={outcomes}
            renderItem={(o) => (
              <List.Item>
                <span className="mono">{o.code}</span>: <span style={{ color: o.ok ? '#237804' : '#c41d1d' }}>{o.text}</span>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <div className="split section">
          <Card size="small">
            <Table<DossierListItem>
              rowKey="id"
              size="small"
              loading={list.loading}
              dataSource={items}
              pagination={false}
              locale={{ emptyText: <span className="muted">{t('approvals.empty')}</span> }}
              rowSelection={{
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                getCheckboxProps: (r) => ({ 'aria-label': t('approvals.select', { code: r.code }) }),
              }}
              rowClassName={(r) => (r.id === current ? 'ant-table-row-selected' : '')}
              columns={[
                {
                  title: t('inbox.col.code'),
                  width: 230,
                  render: (_, r) => (
                    <Button type="link" className="mono" onClick={() => setCurrent(r.id)} style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}>
                      {r.code}
                    </Button>
                  ),
                },
                { title: t('inbox.col.applicant'), dataIndex: 'applicantName' },
                { title: t('inbox.col.progress'), render: (_, r) => <ColourTag colour={r.colour} />, width: 130 },
              ]}
            />
          </Card>
          <div>{current ? <Draft key={current} id={current} onChanged={() => { setCurrent(null); list.reload(); }} /> : <Card size="small"><span className="muted">{t('approvals.pick')}</span></Card>}</div>
        </div>
      )}
    </>
  );
}
