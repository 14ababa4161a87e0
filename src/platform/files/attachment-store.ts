import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { validationError } from '../errors.ts';

/** What may be attached: photographs and scanned documents. Decided from the bytes, never the name. */
export const ACCEPTED_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/tiff',
  'image/heic',
  'application/pdf',
] as const;
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
const THUMBNAIL_WIDTH = 320;

export interface StoredFile {
  sha256: string;
  mediaType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  /** From EXIF, when the camera recorded it. */
  takenAt: string | null;
  latitude: number | null;
  longitude: number | null;
  thumbnailSha256: string | null;
}

/**
 * Content-addressed storage under DATA_DIR/attachments/ab/cdef...: the same photograph uploaded
 * twice is stored once, and a file's name is its SHA-256, so it cannot be altered unnoticed.
 */
export class AttachmentStore {
  constructor(private readonly root: string) {}

  static forDataDir(dataDir: string): AttachmentStore {
    return new AttachmentStore(path.resolve(dataDir, 'attachments'));
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw validationError('Not an attachment address.');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }

  async put(bytes: Buffer, originalName = 'file'): Promise<StoredFile> {
    if (bytes.length === 0)
      throw validationError(`${originalName} is empty.`, [{ field: 'file', message: 'The file is empty.' }]);
    if (bytes.length > MAX_ATTACHMENT_BYTES) {
      throw validationError(
        `${originalName} is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_ATTACHMENT_BYTES / 1048576} MB.`,
        [{ field: 'file', message: 'Too large.' }],
      );
    }
    const type = await fileTypeFromBuffer(bytes);
    if (!type || !(ACCEPTED_MEDIA_TYPES as readonly string[]).includes(type.mime)) {
      throw validationError(
        `${originalName} is ${type ? type.mime : 'of an unknown type'}; attach a photograph (JPEG, PNG, WebP, TIFF, HEIC) or a PDF.`,
        [{ field: 'file', message: 'Type not accepted.' }],
      );
    }
    const sha256 = this.write(bytes);
    const isImage = type.mime.startsWith('image/');
    const meta = isImage
      ? await imageFacts(bytes)
      : { width: null, height: null, takenAt: null, latitude: null, longitude: null };
    let thumbnailSha256: string | null = null;
    if (isImage) {
      try {
        const thumb = await sharp(bytes)
          .rotate()
          .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
          .jpeg({ quality: 75 })
          .toBuffer();
        thumbnailSha256 = this.write(thumb);
      } catch {
        // Formats sharp cannot decode (some HEIC) keep the original only; the page shows an icon.
      }
    }
    return { sha256, mediaType: type.mime, sizeBytes: bytes.length, thumbnailSha256, ...meta };
  }

  read(sha256: string): Buffer {
    return fs.readFileSync(this.pathOf(sha256));
  }

  private write(bytes: Buffer): string {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (!fs.existsSync(target)) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(temp, bytes);
      fs.renameSync(temp, target);
    }
    return sha256;
  }
}

async function imageFacts(bytes: Buffer) {
  let width: number | null = null;
  let height: number | null = null;
  try {
    const m = await sharp(bytes).metadata();
    width = m.width ?? null;
    height = m.height ?? null;
  } catch {
    // dimensions unknown
  }
  let takenAt: string | null = null;
  let latitude: number | null = null;
  let longitude: number | null = null;
  try {
    const exif = (await exifr.parse(bytes, {
      pick: [
        'DateTimeOriginal',
        'CreateDate',
        'latitude',
        'longitude',
        'GPSLatitude',
        'GPSLongitude',
        'GPSLatitudeRef',
        'GPSLongitudeRef',
      ],
      gps: true,
    })) as { DateTimeOriginal?: Date; CreateDate?: Date; latitude?: number; longitude?: number } | undefined;
    const date = exif?.DateTimeOriginal ?? exif?.CreateDate;
    takenAt = date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
    latitude = typeof exif?.latitude === 'number' ? exif.latitude : null;
    longitude = typeof exif?.longitude === 'number' ? exif.longitude : null;
  } catch {
    // no EXIF
  }
  return { width, height, takenAt, latitude, longitude };
}
