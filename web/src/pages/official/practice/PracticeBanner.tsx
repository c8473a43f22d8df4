// On the real dossier screen, a practice dossier says so in large letters; while its attempt is open, the
// guidance sits beside the real screen with a way back to the attempt.
import { Alert, Space, Tag } from 'antd';
import { LinkButton } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { useApi } from '../../../useApi';
import { attemptPath, type Attempt } from './model';
import { Guidance } from './PracticeAttempt';

export function PracticeTag() {
  const { t } = useI18n();
  return (
    <Tag color="orange" data-practice="true" style={{ fontWeight: 600 }}>
      {t('pr.tag')}
    </Tag>
  );
}

export function PracticeBanner({ dossierId }: { dossierId: number }) {
  const { t, m } = useI18n();
  const attempts = useApi<{ items: Attempt[] }>('/api/capacity/practice/attempts', { dossier: dossierId });
  const attempt = attempts.data?.items[0];
  return (
    <div data-testid="practice-banner">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12, borderWidth: 2 }}
        title={<strong style={{ fontSize: 18, letterSpacing: 1 }}>{t('pr.banner')}</strong>}
        description={
          <>
            <div>{t('pr.bannerText')}</div>
            {attempt ? <div style={{ marginTop: 6 }}>{m(attempt.scenario.title)}</div> : null}
          </>
        }
        action={
          attempt ? (
            <Space direction="vertical">
              <LinkButton to={attemptPath(attempt.id)} type="primary">
                {t('pr.backToAttempt')}
              </LinkButton>
            </Space>
          ) : undefined
        }
      />
      {attempt && !attempt.finishedAt ? <Guidance steps={attempt.guidance} title={t('pr.guideTitle')} /> : null}
    </div>
  );
}
