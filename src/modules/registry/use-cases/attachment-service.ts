import { type Actor, actorLabel } from '../../../platform/access/actor.ts';
import { recordKind, requireRecord } from '../../../platform/access/require-record.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { AttachmentStore } from '../../../platform/files/attachment-store.ts';
import { write } from '../../../platform/use-case/write.ts';
import { findAttachment, insertAttachment } from '../repository/attachment-repository.ts';
import { readableWeapon } from './weapon-service.ts';

const WEAPON = recordKind({ type: 'weapon', what: 'The weapon', read: 'registry.read' });
const ATTACHMENT = recordKind({ type: 'attachment', what: 'The attachment', read: 'registry.read' });

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
  const weapon = await requireRecord(ctx, actor, WEAPON, await readableWeapon(ctx, actor, weaponId), {
    anyOf: ['registry.write', 'recovery.write'],
    denied: "Your role in this weapon's organisation does not allow adding photographs.",
  });
  const stored = await AttachmentStore.forDataDir(ctx.config.dataDir).put(file.bytes, file.name);
  const id = newId();
  return write(ctx, actor, async ({ trx, at: now, audit }) => {
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
    await audit({
      action: 'weapon.attachment.add',
      recordType: 'weapon',
      recordId: weaponId,
      organisationId: weapon.organisation_id,
      after: { attachmentId: id, sha256: stored.sha256, mediaType: stored.mediaType, role },
    });
    return { id, ...stored };
  });
}

/** The bytes of an attachment (or its thumbnail), if the actor may read the record it belongs to. */
export async function readAttachment(ctx: AppContext, actor: Actor, attachmentId: string, thumbnail = false) {
  const row = await requireRecord(ctx, actor, ATTACHMENT, await findAttachment(ctx.db, attachmentId));
  const store = AttachmentStore.forDataDir(ctx.config.dataDir);
  const sha = thumbnail && row.thumbnail_sha256 ? row.thumbnail_sha256 : row.sha256;
  return {
    bytes: store.read(sha),
    mediaType: thumbnail && row.thumbnail_sha256 ? 'image/jpeg' : row.media_type,
    name: row.original_name ?? 'attachment',
  };
}
