import { can } from '../../../platform/access/access.ts';
import { type Actor, actorLabel } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit-recorder.ts';
import { type AppContext, inTransaction } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import { AttachmentStore } from '../../../platform/files/attachment-store.ts';
import type { Confidentiality } from '../../../reference/vocab.ts';
import { findAttachment, insertAttachment } from '../repository/attachment-repository.ts';
import { readableWeapon } from './weapon-service.ts';

/** Photograph roles the field guide asks for (overall left and right, each mark, packaging) and documents. */
export const ATTACHMENT_ROLES = [
  'overall_left',
  'overall_right',
  'marking',
  'packaging',
  'document',
  'other',
] as const;

/** Attaches a photograph or scanned document to a weapon; stored content-addressed, EXIF date and GPS read. */
export async function attachToWeapon(
  ctx: AppContext,
  actor: Actor,
  weaponId: string,
  file: { bytes: Buffer; name: string },
  role = 'other',
) {
  const weapon = await readableWeapon(ctx, actor, weaponId);
  const record = {
    organisationId: weapon.organisation_id,
    confidentiality: weapon.confidentiality as Confidentiality,
  };
  if (!can(actor, 'registry.write', record) && !can(actor, 'recovery.write', record)) {
    throw forbidden("Your role in this weapon's organisation does not allow adding photographs.");
  }
  const stored = await AttachmentStore.forDataDir(ctx.config.dataDir).put(file.bytes, file.name);
  const id = newId();
  const now = ctx.now().toISOString();
  return inTransaction(ctx, async (trx) => {
    await insertAttachment(trx, {
      id,
      organisation_id: weapon.organisation_id,
      confidentiality: weapon.confidentiality,
      sha256: stored.sha256,
      media_type: stored.mediaType,
      size_bytes: stored.sizeBytes,
      original_name: file.name.slice(0, 255),
      width: stored.width,
      height: stored.height,
      taken_at: stored.takenAt,
      latitude: stored.latitude,
      longitude: stored.longitude,
      thumbnail_sha256: stored.thumbnailSha256,
      subject_type: 'weapon',
      subject_id: weaponId,
      role: (ATTACHMENT_ROLES as readonly string[]).includes(role) ? role : 'other',
      created_by: actorLabel(actor),
      created_at: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'weapon.attachment.add',
        recordType: 'weapon',
        recordId: weaponId,
        organisationId: weapon.organisation_id,
        after: { attachmentId: id, sha256: stored.sha256, mediaType: stored.mediaType, role },
      },
      ctx.now(),
    );
    return { id, ...stored };
  });
}

/** The bytes of an attachment (or its thumbnail), if the actor may read the record it belongs to. */
export async function readAttachment(ctx: AppContext, actor: Actor, attachmentId: string, thumbnail = false) {
  const row = await findAttachment(ctx.db, attachmentId);
  if (
    !row ||
    !can(actor, 'registry.read', {
      organisationId: row.organisation_id,
      confidentiality: row.confidentiality as Confidentiality,
    })
  ) {
    throw notFound('The attachment');
  }
  const store = AttachmentStore.forDataDir(ctx.config.dataDir);
  const sha = thumbnail && row.thumbnail_sha256 ? row.thumbnail_sha256 : row.sha256;
  return {
    bytes: store.read(sha),
    mediaType: thumbnail && row.thumbnail_sha256 ? 'image/jpeg' : row.media_type,
    name: row.original_name ?? 'attachment',
  };
}
