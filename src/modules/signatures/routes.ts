// Officials' routes for digital signatures: a unit's certificates (upload a .p12, register a remote credential,
// list, deactivate) and signing a dossier's result or forms.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { bi } from '../../http/errors.js';
import { requireActor } from '../../http/auth.js';
import { DOSSIER_FORMS, type DossierForm } from '../dossiers/forms.js';
import { parseIdempotencyKey } from '../dossiers/idempotency.js';
import { deactivateCertificate, listUnitCertificates, registerPkcs12, registerRemote } from './registry.js';
import { dossierSignatures, SignInput, signDossierForm, signDossierResult } from './service.js';

const UnitCode = z.object({ code: z.string().regex(/^\d{2}(\d{3})?$/, bi('Mã đơn vị gồm 2 hoặc 5 chữ số', 'A unit code has 2 or 5 digits')) });
const Ref = z.object({ ref: z.string().min(1).max(60) });
const refOf = (ref: string): number | string => (/^\d+$/.test(ref) ? Number(ref) : ref);
const MAX_P12 = 256 * 1024;

export function signatureRoutes(app: App, ctx: AppContext): void {
  app.get('/api/units/:code/certificates', {
    schema: { tags: ['signatures'], summary: 'Chứng thư số của đơn vị (A unit’s signing certificates)', params: UnitCode },
    handler: async (req) => listUnitCertificates(ctx, requireActor(req), req.params.code),
  });

  app.post('/api/units/:code/certificates', {
    schema: {
      tags: ['signatures'],
      summary: 'Tải lên chứng thư số .p12 của đơn vị (Upload the unit’s .p12 with its password; multipart fields "file" and "password")',
      description: 'The private key is kept sealed with AES-256-GCM; the password is used once and not kept. 400 for a wrong password, an expired certificate or a file without a private key.',
      params: UnitCode,
      consumes: ['multipart/form-data'],
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      if (!req.isMultipart()) throw new AppError('bad_input', { vi: 'Gửi tệp .p12 dạng multipart/form-data (trường "file" và "password").', en: 'Send the .p12 as multipart/form-data (fields "file" and "password").' }, { field: 'file' });
      let file: Buffer | null = null;
      let password = '';
      for await (const part of req.parts({ limits: { fileSize: MAX_P12 } })) {
        if (part.type === 'file') {
          if (part.fieldname === 'file') file = await part.toBuffer();
          else await part.toBuffer();
        } else if (part.fieldname === 'password') {
          password = String(part.value ?? '');
        }
      }
      if (!file) throw new AppError('bad_input', { vi: 'Không có tệp chứng thư số (trường "file").', en: 'No certificate file (field "file").' }, { field: 'file' });
      return reply.status(201).send(await registerPkcs12(ctx, actor, req.params.code, file, password));
    },
  });

  app.post('/api/units/:code/certificates/remote', {
    schema: {
      tags: ['signatures'],
      summary: 'Đăng ký chứng thư ký số từ xa (Register a credential at the remote-signing service)',
      params: UnitCode,
      body: z.object({ userId: z.string().trim().min(1).max(100), credentialId: z.string().trim().min(1).max(100).optional() }),
    },
    handler: async (req, reply) => reply.status(201).send(await registerRemote(ctx, requireActor(req), req.params.code, req.body)),
  });

  app.post('/api/units/:code/certificates/:id/deactivate', {
    schema: { tags: ['signatures'], summary: 'Ngừng sử dụng chứng thư số (Deactivate a certificate; its past signatures stay verifiable)', params: UnitCode.extend({ id: z.coerce.number().int().positive() }) },
    handler: async (req) => deactivateCertificate(ctx, requireActor(req), req.params.code, req.params.id),
  });

  app.post('/api/dossiers/:ref/sign', {
    schema: {
      tags: ['signatures'],
      summary: 'Ký số kết quả (The leader signs the result as a PAdES PDF; the dossier takes the "sign" action)',
      description:
        'Signs the newest PDF draft result (or a generated result document) with the unit’s certificate (method "pkcs12") or through the remote-signing service (method "remote": the request waits while the signer confirms on the phone). Stamps a QR code to the public verification page. 409 when the state does not allow signing; 422 when the signer declined, the request expired, or no certificate is usable. Accepts an Idempotency-Key header.',
      params: Ref,
      body: SignInput,
    },
    handler: async (req) => signDossierResult(ctx, requireActor(req), refOf(req.params.ref), req.body, parseIdempotencyKey(req.headers['idempotency-key'])),
  });

  app.post('/api/dossiers/:ref/forms/:form/sign', {
    schema: {
      tags: ['signatures'],
      summary: 'Ký số phiếu của hồ sơ (Sign a form — receipt, supplement request, … — and keep the signed copy)',
      params: Ref.extend({ form: z.enum(DOSSIER_FORMS) }),
      body: SignInput,
    },
    handler: async (req, reply) => reply.status(201).send(await signDossierForm(ctx, requireActor(req), refOf(req.params.ref), req.params.form as DossierForm, req.body)),
  });

  app.get('/api/dossiers/:ref/signatures', {
    schema: { tags: ['signatures'], summary: 'Văn bản đã ký số của hồ sơ (Signed documents of a dossier and the certificates available)', params: Ref },
    handler: async (req) => dossierSignatures(ctx, requireActor(req), refOf(req.params.ref)),
  });
}
