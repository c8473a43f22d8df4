// HTTP routes of transfers between MotCua instances. The receiving side (/api/federation/transfers…) needs no
// session: it is protected only by the signed-request check against an active registered peer, made on the
// exact body bytes before the body is validated. The admin side manages the peers and lists the transfers.
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App, AppContext } from '../../../context.js';
import { AppError, forbidden } from '../../../errors.js';
import { requireActor } from '../../../http/auth.js';
import type { Actor } from '../../people/actor.js';
import { WORKING_ROLES } from '../../people/roles.js';
import { receiveResult, receiveTransfer } from './inbound.js';
import { addPeer, findActivePeerByKeyId, listPeers, PeerInput, PeerUpdate, setPeerActive, updatePeer, type Peer } from './peers.js';
import { instanceIdentity, peerUnits, recentTransfers } from './service.js';
import { verifyRequest } from './signed-request.js';
import { MAX_PACKAGE_BYTES, ResultAnswer, ResultPackage, TransferAnswer, TransferPackage, TRANSFERS_PATH } from './wire.js';

const TAGS = ['federation'];

declare module 'fastify' {
  interface FastifyRequest {
    federation?: { raw: Buffer; parsed: unknown; peer?: Peer };
  }
}

const BAD_JSON = Symbol('bad json');

function requireSystemAdmin(actor: Actor): void {
  if (!actor.grants.some((g) => g.role === 'system_admin')) {
    throw forbidden({ vi: 'Chỉ quản trị hệ thống quản lý được liên thông giữa các hệ thống.', en: 'Only a system admin manages transfers between systems.' });
  }
}

const PeerView = z.object({
  id: z.number().int(),
  name: z.string(),
  url: z.string(),
  instanceId: z.string().nullable(),
  keyId: z.string(),
  publicKey: z.string(),
  unitCodes: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});

const peerView = (p: Peer) => ({ id: p.id, name: p.name, url: p.baseUrl, instanceId: p.instanceId, keyId: p.keyId, publicKey: p.publicKey, unitCodes: p.unitCodes, active: p.active, createdAt: p.createdAt.toISOString() });

export function federationRoutes(app: App, ctx: AppContext): void {
  app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // The signature covers the exact bytes sent, so this scope keeps them; bad JSON is reported only after the
    // signature holds, so an unsigned caller learns nothing.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_PACKAGE_BYTES }, (req, body, done) => {
      const raw = body as Buffer;
      let parsed: unknown = BAD_JSON;
      try {
        parsed = raw.length ? JSON.parse(raw.toString('utf8')) : {};
      } catch {
        parsed = BAD_JSON;
      }
      req.federation = { raw, parsed };
      done(null, parsed === BAD_JSON ? {} : parsed);
    });
    scope.addHook('preValidation', async (req: FastifyRequest) => {
      const raw = req.federation?.raw ?? Buffer.alloc(0);
      const result = await verifyRequest(ctx.db, { method: req.method, path: req.url, headers: req.headers, body: raw, now: ctx.clock.now() }, async (keyId) => {
        const peer = await findActivePeerByKeyId(ctx.db, keyId);
        return peer ? { ...peer, publicKey: peer.key, peer } : undefined;
      });
      if (!result.ok) {
        req.log.warn({ reason: result.refusal.reason }, 'federation request refused');
        throw new AppError('not_authenticated', result.refusal.message, { details: { reason: result.refusal.reason } });
      }
      if (req.federation?.parsed === BAD_JSON) {
        throw new AppError('bad_input', { vi: 'Nội dung không phải JSON hợp lệ.', en: 'The body is not valid JSON.' }, { field: 'body' });
      }
      req.federation = { raw, parsed: req.federation?.parsed, peer: result.peer.peer };
    });

    scope.post(TRANSFERS_PATH, {
      bodyLimit: MAX_PACKAGE_BYTES,
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags: TAGS,
        summary: 'Nhận hồ sơ liên thông từ hệ thống khác (Receive a dossier transferred from a peer MotCua; signed request)',
        description:
          'Signed with the sender\'s Ed25519 key (headers X-MotCua-Key-Id, -Timestamp, -Nonce, -Content-SHA256, -Signature). The same package (origin instance, transfer id) twice answers 200 with the first answer.',
        body: TransferPackage,
        response: { 200: TransferAnswer, 201: TransferAnswer },
      },
      handler: async (req, reply) => {
        const r = await receiveTransfer(ctx, req.federation!.peer!, req.body);
        return reply.status(r.status).send(r.body);
      },
    });

    scope.post(`${TRANSFERS_PATH}/:transferId/result`, {
      bodyLimit: MAX_PACKAGE_BYTES,
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags: TAGS,
        summary: 'Nhận kết quả hồ sơ đã liên thông (Receive the result of a dossier we transferred; signed request)',
        params: z.object({ transferId: z.coerce.number().int().positive() }),
        body: ResultPackage,
        response: { 200: ResultAnswer },
      },
      handler: async (req) => (await receiveResult(ctx, req.federation!.peer!, req.params.transferId, req.body)).body,
    });
  });

  app.get('/api/federation/units', {
    schema: {
      tags: TAGS,
      summary: 'Đơn vị trên hệ thống liên thông khác (Units hosted by peer systems, for the transfer dialog)',
      response: { 200: z.object({ units: z.array(z.object({ code: z.string(), name: z.string(), peerId: z.number().int(), peerName: z.string() })) }) },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      if (!actor.grants.some((g) => WORKING_ROLES.includes(g.role) || g.role === 'system_admin')) throw forbidden();
      return { units: await peerUnits(ctx) };
    },
  });

  app.get('/api/admin/federation', {
    schema: {
      tags: TAGS,
      summary: 'Liên thông: mã và khoá của hệ thống này, các hệ thống kết nối (This instance\'s id and key, and its peers)',
      response: {
        200: z.object({
          instance: z.object({ instanceId: z.string(), keyId: z.string(), publicKey: z.string(), baseUrl: z.string(), receivingPath: z.string() }),
          peers: z.array(PeerView),
        }),
      },
    },
    handler: async (req) => {
      requireSystemAdmin(requireActor(req));
      return { instance: await instanceIdentity(ctx), peers: (await listPeers(ctx.db)).map(peerView) };
    },
  });

  app.post('/api/admin/federation/peers', {
    schema: { tags: TAGS, summary: 'Thêm hệ thống liên thông (Register a peer system)', body: PeerInput, response: { 201: PeerView } },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      requireSystemAdmin(actor);
      const peer = await addPeer(ctx.db, req.body, { accountId: actor.accountId, role: 'system_admin' }, ctx.clock.now());
      return reply.status(201).send(peerView(peer));
    },
  });

  app.put('/api/admin/federation/peers/:id', {
    schema: {
      tags: TAGS,
      summary: 'Sửa tên, địa chỉ, đơn vị của hệ thống liên thông (Change a peer\'s name, address or units; its key stays)',
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: PeerUpdate,
      response: { 200: PeerView },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      requireSystemAdmin(actor);
      return peerView(await updatePeer(ctx.db, req.params.id, req.body, { accountId: actor.accountId, role: 'system_admin' }, ctx.clock.now()));
    },
  });

  for (const [verb, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(`/api/admin/federation/peers/:id/${verb}`, {
      schema: {
        tags: TAGS,
        summary: active ? 'Bật lại hệ thống liên thông (Activate a peer)' : 'Tắt hệ thống liên thông (Deactivate a peer: its requests are refused, nothing is sent to it)',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: PeerView },
      },
      handler: async (req) => {
        const actor = requireActor(req);
        requireSystemAdmin(actor);
        return peerView(await setPeerActive(ctx.db, req.params.id, active, { accountId: actor.accountId, role: 'system_admin' }, ctx.clock.now()));
      },
    });
  }

  app.get('/api/admin/federation/transfers', {
    schema: { tags: TAGS, summary: 'Hồ sơ liên thông gần đây, gửi đi và nhận về (Recent transfers out and in, with their state)' },
    handler: async (req) => {
      requireSystemAdmin(requireActor(req));
      return recentTransfers(ctx);
    },
  });
}
