// Test support over HTTP: multipart requests, and a dossier walked to the step where the leader signs.
import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp, TestClient } from '../../test/app.js';

export async function multipart(t: TestApp, url: string, parts: Array<{ name: string; value: string | Buffer; filename?: string }>, client?: TestClient) {
  const boundary = 'b' + crypto.randomBytes(8).toString('hex');
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head = p.filename
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    chunks.push(Buffer.from(head), Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(client ? { cookie: client.cookie, 'x-csrf-token': client.csrf } : {}) },
  });
}

/** Receives a dossier (2.000908) and walks it to "approved", where the leader signs. */
export async function toSigningStep(t: TestApp, c: Record<string, TestClient>, applicant = 'Nguyễn Thị Hương'): Promise<{ id: number; code: string }> {
  const res = await c.tiepnhan!.post('/api/dossiers', {
    procedureCode: '2.000908',
    applicant: { name: applicant, idNumber: '046190001234', phone: '0912345678' },
    components: [{ key: 'c1-7d4524' }],
  });
  expect(res.statusCode, res.body).toBe(201);
  const { id, code } = res.json();
  const act = async (who: string, action: string, body: unknown = {}) => {
    const r = await c[who]!.post(`/api/dossiers/${id}/actions/${action}`, body);
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  };
  await act('tiepnhan', 'forward');
  await act('chuyenvien', 'forward');
  await act('truongphong', 'submit_for_approval', { outcome: 'granted' });
  await act('lanhdao', 'approve');
  return { id, code };
}

