// Sign-in for officials; after it, back to the page that asked for it (?next=) or to the role's home.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { PageTitle } from '../../components/common';
import { useI18n, type Lang } from '../../i18n';
import { navigate, useSearch } from '../../router';
import { useSession } from '../../session';

export default function SignIn() {
  const { t, lang, setLang, errorText } = useI18n();
  const session = useSession();
  const [search] = useSearch();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const next = search.next && search.next.startsWith('/can-bo') && !search.next.startsWith('/can-bo/dang-nhap') ? search.next : '/can-bo';

  useEffect(() => {
    if (session.me && !busy) navigate(next, { replace: true });
  }, [session.me, busy, next]);

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await session.signIn(v.username, v.password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" tabIndex={-1} className="centered-page">
      <Card className="narrow-card">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
          <Typography.Text strong>{t('app.name')}</Typography.Text>
          <Segmented<Lang>
            aria-label={t('app.language')}
            size="small"
            value={lang}
            onChange={(v) => setLang(v)}
            options={[
              { label: <span lang="vi">Tiếng Việt</span>, value: 'vi' },
              { label: <span lang="en">English</span>, value: 'en' },
            ]}
          />
        </div>
        <PageTitle title={t('signin.heading')} />
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} role="alert" /> : null}
        <Form layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item label={t('signin.username')} name="username" rules={[{ required: true, message: t('signin.usernameRequired') }]}>
            <Input autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
          </Form.Item>
          <Form.Item label={t('signin.password')} name="password" rules={[{ required: true, message: t('signin.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('signin.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
