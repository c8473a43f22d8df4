// A leader's decision on MotCua's suggested level for one official in one field: confirm it as it is, or set
// another level with a note saying why. The server recomputes the suggestion and keeps both.
import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { api } from '../../../../api';
import { useI18n, type Key } from '../../../../i18n';
import { LEVEL_VALUES, type DecisionBody, type EvidenceRow } from '../work-model';
import { LevelTag } from './parts';

export interface DecisionTarget {
  row: EvidenceRow;
  mode: 'confirm' | 'override';
}

export function DecisionModal({ target, from, to, onClose, onDone }: { target: DecisionTarget | null; from: string; to: string; onClose(): void; onDone(): void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const [level, setLevel] = useState<number>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [noteMissing, setNoteMissing] = useState(false);
  const [shown, setShown] = useState<DecisionTarget | null>(null);
  if (target !== shown) {
    setShown(target);
    setLevel(target ? (target.mode === 'override' ? undefined : target.row.suggestedLevel) : undefined);
    setNote('');
    setFailure(undefined);
    setNoteMissing(false);
  }
  if (!target) return null;
  const { row, mode } = target;
  const override = mode === 'override';

  const submit = async () => {
    const chosen = override ? level : row.suggestedLevel;
    if (chosen === undefined) {
      setFailure(t('capw.decide.levelRequired'));
      return;
    }
    const differs = chosen !== row.suggestedLevel;
    if (override && differs && note.trim().length === 0) {
      setNoteMissing(true);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const body: DecisionBody = { accountId: row.official.id, field: row.field, from, to, level: chosen, ...(note.trim() ? { note: note.trim() } : {}) };
      await api.post('/api/capacity/evidence/decisions', body);
      message.success(differs ? t('capw.decide.overridden') : t('capw.decide.confirmed'));
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
      title={override ? t('capw.decide.overrideTitle') : t('capw.decide.confirmTitle')}
      okText={override ? t('capw.decide.saveOverride') : t('capw.decide.saveConfirm')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <p>
        {t('capw.decide.who', { name: row.official.fullName, field: row.field })}
      </p>
      <p>
        {t('capw.suggested')}: <LevelTag level={row.suggestedLevel} /> · {t('capw.held')}: <LevelTag level={row.heldLevel} />
      </p>
      <Form layout="vertical">
        {override ? (
          <Form.Item label={t('capw.decide.level')} htmlFor="decide-level" required>
            <Select
              id="decide-level"
              value={level}
              onChange={(v: number) => setLevel(v)}
              placeholder={t('capw.decide.levelPlaceholder')}
              options={LEVEL_VALUES.map((l) => ({ value: l, label: `${l} · ${t(`capw.level.${l}` as Key)}` }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label={override ? t('capw.decide.note') : t('capw.decide.noteOptional')}
          htmlFor="decide-note"
          required={override}
          validateStatus={noteMissing ? 'error' : undefined}
          help={noteMissing ? t('capw.decide.noteRequired') : override ? t('capw.decide.noteHelp') : undefined}
        >
          <Input.TextArea id="decide-note" rows={3} maxLength={1000} value={note} onChange={(e) => { setNote(e.target.value); setNoteMissing(false); }} />
        </Form.Item>
      </Form>
      {failure ? <Alert type="error" showIcon title={failure} role="alert" /> : null}
    </Modal>
  );
}
