// What travels between MotCua instances: the transfer package (a dossier going to a peer's unit), the peer's
// answer, the result coming back and the origin's answer. One zod schema each, used by both ends.
import { z } from 'zod';
import { bi } from '../../../http/errors.js';
import { ACCEPTED } from '../../files/store.js';
import { Applicant } from '../../dossiers/service.js';
import { UnitCode } from './peers.js';

export const TRANSFERS_PATH = '/api/federation/transfers';
export const resultPath = (transferId: number) => `${TRANSFERS_PATH}/${transferId}/result`;

/**
 * The largest package a receiver takes. Files travel as base64 (a third larger than the files); a dossier of a
 * few MB fits many times over.
 */
export const MAX_PACKAGE_BYTES = 64 * 1024 * 1024;

const Iso = z.iso.datetime({ offset: true });

export const WireFile = z.object({
  name: z.string().trim().min(1).max(200),
  mime: z.enum(ACCEPTED),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(['component', 'supplement', 'draft_result', 'result']),
  componentKey: z.string().max(80).nullable(),
  content: z.base64(),
});
export type WireFile = z.infer<typeof WireFile>;

export const TransferPackage = z.object({
  version: z.literal(1),
  originInstanceId: z.string().min(1).max(100),
  transferId: z.number().int().positive(),
  dossierCode: z.string().min(1).max(60),
  toUnitCode: UnitCode,
  procedureCode: z.string().trim().min(1).max(40),
  channel: z.enum(['counter', 'online', 'postal']),
  applicant: Applicant,
  subject: z.string().max(1000).nullable(),
  setsCount: z.number().int().min(1).max(100),
  resultDelivery: z.enum(['counter', 'postal', 'online']),
  receivedAt: Iso.nullable(),
  components: z.array(z.object({ key: z.string().min(1).max(80), name: z.string().max(2000), required: z.boolean(), provided: z.boolean() })).max(100),
  files: z.array(WireFile).max(200),
  reason: z.string().trim().min(3, bi('Cần nêu lý do liên thông', 'The transfer needs a reason')).max(2000),
  dueAt: Iso.nullable(),
  /** Where the origin answers (recorded; the result goes to the address registered for the peer). */
  callbackUrl: z.string().max(500),
  sentAt: Iso,
});
export type TransferPackage = z.infer<typeof TransferPackage>;

export const TransferAnswer = z.object({
  dossierCode: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  /** 'received' when the package held every required component; 'submitted' waits for the peer's intake check. */
  status: z.enum(['received', 'submitted']),
  receivedAt: Iso,
});
export type TransferAnswer = z.infer<typeof TransferAnswer>;

export const ResultPackage = z.object({
  version: z.literal(1),
  originTransferId: z.number().int().positive(),
  /** The peer's own code for the dossier. */
  dossierCode: z.string().min(1).max(60),
  status: z.enum(['resolved', 'refused']),
  outcome: z.enum(['granted', 'refused']),
  resultNumber: z.string().max(100).nullable(),
  note: z.string().max(2000).nullable(),
  files: z.array(WireFile).max(50),
  at: Iso,
});
export type ResultPackage = z.infer<typeof ResultPackage>;

export const ResultAnswer = z.object({ dossierCode: z.string(), status: z.string(), receivedBackAt: Iso });
export type ResultAnswer = z.infer<typeof ResultAnswer>;
