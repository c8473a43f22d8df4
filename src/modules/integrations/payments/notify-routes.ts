// The payment platform's notification endpoint: no session, the HMAC signature is the proof. Every answer,
// errors included, is in the platform's shape { MaLoi, MoTaLoi }; "00" tells it to stop repeating.
import { z } from 'zod';
import type { App, AppContext } from '../../../context.js';
import { handleNotification } from './notify.js';
import { PLATFORM_ERROR, SIGNATURE_HEADER } from './protocol.js';

const PlatformAnswer = z.object({ MaLoi: z.string(), MoTaLoi: z.string() });

export function paymentNotifyRoutes(app: App, ctx: AppContext): void {
  app.post('/api/public/payments/notify', {
    // Generous: a platform catching up after an outage sends many at once, and each one matters.
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      tags: ['public'],
      summary: 'Thông báo kết quả giao dịch từ nền tảng thanh toán (Payment platform notification, HMAC-signed)',
      description: `Body: the platform's GiaoDichThanhToan (MaThamChieu, SoTien, TrangThai, ThoiGianGD, MaGiaoDich, DuongDanBienLai, …). Header ${SIGNATURE_HEADER}: hex HMAC-SHA256 of the body's canonical JSON (keys sorted) with the shared secret. Repeats are answered "00" and change nothing.`,
      body: z.record(z.string(), z.unknown()),
      response: { 200: PlatformAnswer, 400: PlatformAnswer, 401: PlatformAnswer, 500: PlatformAnswer, 503: PlatformAnswer },
    },
    handler: async (req, reply) => {
      const sig = req.headers[SIGNATURE_HEADER];
      try {
        const r = await handleNotification(ctx, req.body, Array.isArray(sig) ? sig[0] : sig);
        return reply.status(r.status).send(r.body);
      } catch (e) {
        req.log.error({ err: e }, 'payment notification failed');
        return reply.status(500).send({ MaLoi: PLATFORM_ERROR.unavailable, MoTaLoi: 'Lỗi hệ thống; vui lòng gửi lại.' });
      }
    },
  });
}
