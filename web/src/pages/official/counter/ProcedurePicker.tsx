// Finds a procedure by typing, with or without diacritics: the server folds both sides.
import { useEffect, useState } from 'react';
import { AutoComplete, Form } from 'antd';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import type { ProcedureHit } from '../../../types';

export function ProcedurePicker({ onPick }: { onPick(code: string): void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<ProcedureHit[]>([]);
  const [searched, setSearched] = useState(false);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setHits([]);
      setSearched(false);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<{ procedures: ProcedureHit[] }>('/api/public/procedures', { q, limit: 12 }, ctl.signal)
        .then((r) => {
          setHits(r.procedures);
          setSearched(true);
        })
        .catch(() => undefined);
    }, 200);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [text]);

  return (
    <Form.Item label={t('counter.procedure')} htmlFor="procedure-search" extra={t('counter.procedureHint')} style={{ marginBottom: 0 }}>
      <AutoComplete
        id="procedure-search"
        autoFocus
        value={text}
        onChange={setText}
        onSelect={(code: string) => onPick(code)}
        style={{ width: '100%' }}
        defaultActiveFirstOption
        notFoundContent={searched ? t('counter.procedureNone') : null}
        options={hits.map((h) => ({
          value: h.code,
          label: (
            <div className="procedure-option">
              <div>{h.name}</div>
              <div className="muted">
                {h.code} · {h.field}
              </div>
            </div>
          ),
        }))}
      />
    </Form.Item>
  );
}
