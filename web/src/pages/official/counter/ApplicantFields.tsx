// The applicant's details; typing a 12-digit personal ID number fills them in from the latest earlier dossier,
// and "Tra cứu CSDL dân cư" fills them from the national population database (structure checked here first,
// with the server's own rules), tagging each field that still holds what the database said.
import { useEffect, useState } from 'react';
import { Alert, Button, Col, Form, Input, InputNumber, Radio, Row, Space, Tag, type FormInstance } from 'antd';
import { api, ApiError, type Msg } from '../../../api';
import { fmtDate } from '../../../format';
import { useI18n } from '../../../i18n';
import type { ApplicantLookup } from '../../../types';
import { parsePersonalId } from '../../../../../src/modules/integrations/population/personal-id';

/** What GET /api/population/citizens/{idNumber} answers (the raw record is shown by the server's field names). */
export interface PopulationLookup {
  lookupId: string;
  source: 'population_database';
  fetchedAt: string;
  applicant: { kind: 'citizen'; idNumber: string; name: string; address: string | null; birthDate: string; sex: 'male' | 'female' };
  record: Record<string, unknown>;
}

/** The lookup the form was filled from: sent with the intake so the dossier records its sources. */
export interface PopulationPrefill {
  lookupId: string;
  idNumber: string;
  name: string;
  address: string | null;
}

const norm = (s: unknown) => (typeof s === 'string' ? s.normalize('NFC').trim().replace(/\s+/g, ' ') : '');

export function ApplicantFields({ form, onPopulation }: { form: FormInstance; onPopulation?: (p: PopulationPrefill | null) => void }) {
  const { t, m, errorText } = useI18n();
  const idNumber = Form.useWatch('idNumber', form) as string | undefined;
  const name = Form.useWatch('name', form) as string | undefined;
  const address = Form.useWatch('address', form) as string | undefined;
  const [lookup, setLookup] = useState<{ found: ApplicantLookup | null; id: string } | null>(null);
  const [prefill, setPrefill] = useState<PopulationPrefill | null>(null);
  const [population, setPopulation] = useState<{ found: PopulationLookup } | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const id = (idNumber ?? '').trim();
    // Another number: whatever the database said belongs to someone else.
    if (prefill && prefill.idNumber !== id) {
      setPrefill(null);
      setPopulation(null);
      onPopulation?.(null);
    }
    if (!/^\d{12}$/.test(id)) {
      setLookup(null);
      return;
    }
    const ctl = new AbortController();
    api
      .get<ApplicantLookup>('/api/applicants', { idNumber: id }, ctl.signal)
      .then((a) => {
        setLookup({ found: a, id });
        form.setFieldsValue({ kind: a.kind, name: a.name, phone: a.phone ?? undefined, email: a.email ?? undefined, address: a.address ?? undefined });
      })
      .catch((e) => {
        if (e instanceof ApiError && e.status === 404) setLookup({ found: null, id });
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [idNumber, form]);

  const lookUp = async () => {
    const id = String(form.getFieldValue('idNumber') ?? '').trim();
    const parsed = parsePersonalId(id, new Date());
    if (!parsed.ok) {
      // As an error, once: the structure warning below says the same words.
      form.setFields([{ name: 'idNumber', errors: parsed.problems.map((p) => m(p.message as Msg)), warnings: [] }]);
      setPopulation(null);
      return;
    }
    setBusy(true);
    try {
      const r = await api.get<PopulationLookup>(`/api/population/citizens/${encodeURIComponent(id)}`);
      form.setFieldsValue({ kind: 'citizen', name: r.applicant.name, address: r.applicant.address ?? undefined });
      const p = { lookupId: r.lookupId, idNumber: id, name: r.applicant.name, address: r.applicant.address };
      setPrefill(p);
      onPopulation?.(p);
      setPopulation({ found: r });
    } catch (e) {
      setPopulation({ error: e instanceof ApiError && e.status === 404 ? t('counter.population.notFound') : errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const fromDb = (field: 'name' | 'address', value: string | undefined) =>
    prefill && prefill[field] !== null && norm(value) === norm(prefill[field]) ? (
      <Tag color="blue" style={{ marginInlineStart: 8 }} data-prefilled={field}>
        {t('counter.population.tag')}
      </Tag>
    ) : null;

  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item label={t('counter.idNumber')} htmlFor="idNumber" required={false}>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item
                name="idNumber"
                noStyle
                rules={[
                  { pattern: /^\d{12}$/, message: t('counter.idNumberBad') },
                  {
                    // A number that breaks the structure is almost surely a typo; warn but let the officer decide.
                    warningOnly: true,
                    validator: async (_, v: string | undefined) => {
                      const id = (v ?? '').trim();
                      if (!/^\d{12}$/.test(id)) return;
                      const parsed = parsePersonalId(id, new Date());
                      if (!parsed.ok) throw new Error(parsed.problems.map((p) => m(p.message as Msg)).join(' '));
                    },
                  },
                ]}
              >
                <Input id="idNumber" inputMode="numeric" maxLength={12} autoComplete="off" />
              </Form.Item>
              {/* The visible words are the accessible name (WCAG 2.5.3); the longer wording is the tooltip. */}
              <Button onClick={lookUp} loading={busy} title={t('counter.population.lookupLabel')} data-testid="population-lookup">
                {t('counter.population.lookup')}
              </Button>
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="kind" label={t('counter.kind')}>
            <Radio.Group
              options={[
                { value: 'citizen', label: t('counter.kind.citizen') },
                { value: 'organisation', label: t('counter.kind.organisation') },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      {population && 'found' in population ? (
        <Alert
          role="status"
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="population-found"
          title={t('counter.population.found', {
            name: population.found.applicant.name,
            sex: t(`counter.population.sex.${population.found.applicant.sex}`),
            birth: fmtDate(population.found.applicant.birthDate),
          })}
        />
      ) : population ? (
        <Alert role="alert" type="warning" showIcon style={{ marginBottom: 12 }} title={population.error} />
      ) : lookup ? (
        <Alert
          role="status"
          type={lookup.found ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={
            lookup.found
              ? t('counter.reused', { code: lookup.found.lastDossier.code, date: fmtDate(lookup.found.lastDossier.submittedAt), n: lookup.found.dossierCount })
              : t('counter.noEarlier')
          }
        />
      ) : null}
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name="name"
            label={
              <>
                {t('counter.name')}
                {fromDb('name', name)}
              </>
            }
            rules={[{ required: true, min: 2, whitespace: true, message: t('counter.nameRequired') }]}
          >
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="phone" label={t('counter.phone')} rules={[{ pattern: /^(\+84|0)\d{9,10}$/, message: t('counter.phoneBad') }]}>
            <Input inputMode="tel" maxLength={13} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="email" label={t('counter.email')} rules={[{ type: 'email', message: t('counter.emailBad') }]}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="address"
            label={
              <>
                {t('counter.address')}
                {fromDb('address', address)}
              </>
            }
          >
            <Input maxLength={500} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="setsCount" label={t('counter.sets')}>
            <InputNumber min={1} max={100} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={18}>
          <Form.Item name="resultDelivery" label={t('counter.delivery')}>
            <Radio.Group
              options={(['counter', 'postal', 'online'] as const).map((v) => ({ value: v, label: t(`counter.delivery.${v}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
