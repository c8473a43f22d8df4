// The applicant's details; typing a 12-digit personal ID number fills them in from the latest earlier dossier.
import { useEffect, useState } from 'react';
import { Alert, Col, Form, Input, InputNumber, Radio, Row, type FormInstance } from 'antd';
import { api, ApiError } from '../../../api';
import { fmtDate } from '../../../format';
import { useI18n } from '../../../i18n';
import type { ApplicantLookup } from '../../../types';

export function ApplicantFields({ form }: { form: FormInstance }) {
  const { t } = useI18n();
  const idNumber = Form.useWatch('idNumber', form) as string | undefined;
  const [lookup, setLookup] = useState<{ found: ApplicantLookup | null; id: string } | null>(null);

  useEffect(() => {
    const id = (idNumber ?? '').trim();
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
  }, [idNumber, form]);

  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="idNumber" label={t('counter.idNumber')} rules={[{ pattern: /^\d{12}$/, message: t('counter.idNumberBad') }]}>
            <Input inputMode="numeric" maxLength={12} autoComplete="off" />
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
      {lookup ? (
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
          <Form.Item name="name" label={t('counter.name')} rules={[{ required: true, min: 2, whitespace: true, message: t('counter.nameRequired') }]}>
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
          <Form.Item name="address" label={t('counter.address')}>
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
