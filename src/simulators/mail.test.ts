// The mail catcher of the demo and the tests: a real SMTP server whose messages arrive decoded, and its inbox page.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMail, startMailCatcher, type RunningMailCatcher } from './mail.js';

describe('mail catcher', () => {
  let catcher: RunningMailCatcher;
  beforeAll(async () => {
    catcher = await startMailCatcher();
  });
  afterAll(async () => catcher?.close());

  const transport = () => nodemailer.createTransport({ url: catcher.smtpUrl });
  const subject = 'Thư xin lỗi và hẹn lại ngày trả kết quả — Đặc khu Phú Quốc, Thừa Thiên Huế, Ông/Bà Nguyễn Thị Hương';
  const text = 'Kính gửi Ông/Bà Nguyễn Thị Hương,\n\nHẹn trả kết quả vào 04/12/2026 16:30.\nDòng rất dài: ' + 'ữửựđ '.repeat(40) + '\n= dấu bằng và _gạch dưới_';

  it.each(['quoted-printable', 'base64'] as const)('receives UTF-8 subject and text intact (%s)', async (textEncoding) => {
    await transport().sendMail({ from: 'MotCua <no-reply@motcua.test>', to: 'a@example.vn', subject, text, textEncoding, messageId: `<id-${textEncoding}@motcua.test>` });
    const m = catcher.messages().find((x) => x.messageId === `<id-${textEncoding}@motcua.test>`)!;
    expect(m.subject).toBe(subject);
    expect(m.text.replace(/\n$/, '')).toBe(text);
    expect(m.envelopeTo).toEqual(['a@example.vn']);
    expect(m.from).toBe('MotCua <no-reply@motcua.test>');
  });

  it('takes the text part of a multipart message', async () => {
    await transport().sendMail({ from: 'x@motcua.test', to: 'b@example.vn', subject: 'Nhiều phần', text: 'Phần văn bản có dấu', html: '<p>Phần <b>HTML</b></p>', messageId: '<multi@motcua.test>' });
    expect(catcher.messages().find((x) => x.messageId === '<multi@motcua.test>')!.text.trim()).toBe('Phần văn bản có dấu');
  });

  it('decodes hand-written headers: adjacent encoded words, Q encoding, raw UTF-8', () => {
    const raw = Buffer.from(
      'Subject: =?UTF-8?B?SOG7kyBz?=\r\n =?UTF-8?B?xqE=?= =?utf-8?Q?_=C4=91=C3=A3_nh=E1=BA=ADn?=\r\nFrom: Trung tâm <a@b>\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nNội dung\r\n',
      'utf8',
    );
    const m = parseMail(raw);
    expect(m.headers.get('subject')).toBe('Hồ sơ đã nhận');
    expect(m.headers.get('from')).toBe('Trung tâm <a@b>');
    expect(m.text).toBe('Nội dung\n');
  });

  it('refuses the next message on an injected fault (a temporary SMTP error), then accepts again', async () => {
    catcher.faults.failNext = 1;
    await expect(transport().sendMail({ from: 'x@motcua.test', to: 'c@example.vn', subject: 's', text: 't' })).rejects.toMatchObject({ responseCode: 451 });
    await transport().sendMail({ from: 'x@motcua.test', to: 'c@example.vn', subject: 'sau lỗi', text: 't' });
    expect(catcher.messages().filter((m) => m.envelopeTo[0] === 'c@example.vn').map((m) => m.subject)).toEqual(['sau lỗi']);
  });

  it('shows the inbox as an HTML page (escaped) and as JSON', async () => {
    await transport().sendMail({ from: 'x@motcua.test', to: 'd@example.vn', subject: '<script>alert(1)</script> Hồ sơ', text: 'a < b & c' });
    const html = await (await fetch(`${catcher.url}/_sim/mail`)).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Hồ sơ');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('a &lt; b &amp; c');
    const json = (await (await fetch(`${catcher.url}/_sim/mail.json`)).json()) as { messages: Array<{ subject: string }> };
    expect(json.messages.map((m) => m.subject)).toEqual(catcher.messages().map((m) => m.subject));
  });
});
