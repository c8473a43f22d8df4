import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('sign in', () => {
  it('signs in a demo account and reports its roles and units', async () => {
    const c = await t.login('tiepnhan.vinhloc');
    const me = (await c.get('/api/auth/me')).json();
    expect(me.username).toBe('tiepnhan.vinhloc');
    expect(me.grants).toEqual([expect.objectContaining({ role: 'receiving_officer', unitCode: '20122', unitName: 'Xã Vinh Lộc' })]);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lanhdao.vinhloc', password: 'motcua@2026' } });
    const session = res.cookies.find((c) => c.name === 'motcua_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
  });

  it('rejects a wrong password with a bilingual message', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lanhdao.vinhloc', password: 'wrong' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().message.vi).toContain('mật khẩu không đúng');
  });

  it('refuses unsafe requests without the CSRF token', async () => {
    const c = await t.login('vanthu.vinhloc');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().message.en).toContain('CSRF');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('locks an account after five failures, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'quantri.phuvang', password: 'bad' }, remoteAddress: `10.0.0.${i}` });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'quantri.phuvang', password: 'motcua@2026' }, remoteAddress: '10.0.0.9' });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(16 * 60_000);
    const later = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'quantri.phuvang', password: 'motcua@2026' }, remoteAddress: '10.0.0.9' });
    expect(later.statusCode).toBe(200);
  });
});
