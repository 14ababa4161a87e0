import { z } from 'zod';
import { Confidentiality, Id, IsoTimestamp } from '../../platform/contracts/common.ts';

/**
 * Registry contracts. Vocabulary fields (category, condition, marking kind, event type...) are
 * strings here because users may give a code or a label in any supported language; services
 * resolve them through src/shared/registry-vocab.ts and report unknown values by field.
 */
const Year = z.coerce
  .number()
  .int('Give the year as four digits, e.g. 1985.')
  .min(1800, 'A year before 1800 is not plausible for a registered weapon.')
  .max(2100, 'That year is in the future.');
const Country = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'Use an ISO 3166-1 alpha-3 country code, e.g. RUS or CHN.'));
const Text = (max: number) => z.string().trim().max(max);

export const MarkingInput = z.object({
  kind: z.string().default('other'),
  text: Text(500).min(1, 'Type the marking exactly as read.'),
  script: z.string().optional(),
  transliteration: Text(500).optional(),
  position: z.string().optional(),
  attachmentId: Id.optional(),
});
export type MarkingInput = z.input<typeof MarkingInput>;

export const RegisterWeapon = z.object({
  organisationId: Id,
  confidentiality: Confidentiality.default('restricted'),
  category: z.string().min(1, 'Choose the category of the weapon.'),
  make: Text(200).optional(),
  model: Text(200).optional(),
  calibre: Text(100).optional(),
  serial: Text(100).optional().describe('As read; "?" marks each unreadable character, e.g. 56?21?4.'),
  countryOfManufacture: Country.optional(),
  yearOfManufacture: Year.optional(),
  importCountry: Country.optional(),
  importYear: Year.optional(),
  nationalRegistrationNumber: Text(100).optional(),
  condition: z.string().default('unknown'),
  siteId: Id.optional(),
  holder: Text(200).optional(),
  notes: Text(4000).optional(),
  markings: z.array(MarkingInput).max(100).default([]),
  issueNationalMarkingCode: z
    .boolean()
    .default(false)
    .describe(
      'Issue a national marking code with the registration (ITI para 8), e.g. for a weapon without a usable marking.',
    ),
  markingCodeCountry: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'Use an ISO 3166-1 alpha-3 code, e.g. CAF.')
    .optional()
    .describe("Country of the code; the organisation's country by default."),
  occurredOn: z.iso
    .date('Give the date as YYYY-MM-DD.')
    .optional()
    .describe('Date of registration; today by default.'),
});
export type RegisterWeapon = z.input<typeof RegisterWeapon>;

export const Marking = z.object({
  id: Id,
  kind: z.string(),
  text: z.string(),
  normalised: z.string(),
  script: z.string().nullable(),
  transliteration: z.string().nullable(),
  position: z.string().nullable(),
  attachmentId: z.string().nullable(),
});

export const WeaponSummary = z.object({
  id: Id,
  organisationId: Id,
  confidentiality: Confidentiality,
  category: z.string(),
  make: z.string().nullable(),
  model: z.string().nullable(),
  calibre: z.string().nullable(),
  serial: z.string().nullable(),
  serialNormalised: z.string().nullable(),
  countryOfManufacture: z.string().nullable(),
  yearOfManufacture: z.number().nullable(),
  nationalRegistrationNumber: z.string().nullable(),
  nationalMarkingCode: z.string().nullable(),
  condition: z.string(),
  status: z.string(),
  holder: z.string().nullable(),
  siteId: z.string().nullable(),
  createdAt: IsoTimestamp,
});
export type WeaponSummary = z.infer<typeof WeaponSummary>;

export const LedgerEvent = z.object({
  id: Id,
  seq: z.number().int(),
  type: z.string(),
  occurredOn: z.string(),
  place: z.string().nullable(),
  siteId: z.string().nullable(),
  actorOrganisation: z.string().nullable(),
  counterpart: z.string().nullable(),
  holder: z.string().nullable(),
  quantityDelta: z.number().nullable(),
  documents: z.array(
    z.object({ kind: z.string(), reference: z.string(), attachmentId: z.string().optional() }),
  ),
  correctsEventId: z.string().nullable(),
  reason: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: IsoTimestamp,
});
export type LedgerEvent = z.infer<typeof LedgerEvent>;

export const Attachment = z.object({
  id: Id,
  mediaType: z.string(),
  sizeBytes: z.number(),
  originalName: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  takenAt: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  role: z.string().nullable(),
  hasThumbnail: z.boolean(),
  createdAt: IsoTimestamp,
});

export const WeaponDetail = WeaponSummary.extend({
  serialKey: z.string().nullable(),
  importCountry: z.string().nullable(),
  importYear: z.number().nullable(),
  notes: z.string().nullable(),
  markings: z.array(Marking),
  events: z.array(LedgerEvent),
  attachments: z.array(Attachment),
  siteName: z.string().nullable(),
});
export type WeaponDetail = z.infer<typeof WeaponDetail>;

export const DocumentRef = z.object({
  kind: z.string().default('other'),
  reference: Text(200).min(1, 'Give the document reference, e.g. the licence number.'),
  attachmentId: Id.optional(),
});

export const RecordEvent = z.object({
  type: z.string().min(1, 'Choose what happened.'),
  occurredOn: z.iso.date('Give the date as YYYY-MM-DD.'),
  place: Text(300).optional(),
  siteId: Id.optional(),
  counterpart: Text(300)
    .optional()
    .describe('The other party: the unit issued to, the importer, the seizing authority...'),
  holder: Text(200).optional(),
  quantity: z.coerce
    .number()
    .int()
    .positive('Give a quantity above zero.')
    .optional()
    .describe('For ammunition lots.'),
  documents: z.array(DocumentRef).max(50).default([]),
  correctsEventId: Id.optional(),
  reason: Text(2000).optional(),
});
export type RecordEvent = z.input<typeof RecordEvent>;

export const WeaponQuery = z.object({
  organisationId: Id.optional(),
  category: z.string().optional(),
  make: z.string().optional(),
  calibre: z.string().optional(),
  status: z.string().optional(),
  siteId: z.string().optional(),
  q: z.string().trim().max(200).optional().describe('Serial number (partial with ?) or marking text'),
  sort: z.enum(['created_at', 'make', 'model', 'serial', 'category', 'status']).default('created_at'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const WeaponPage = z.object({ total: z.number().int(), items: z.array(WeaponSummary) });

export const RegisterLot = z.object({
  organisationId: Id,
  confidentiality: Confidentiality.default('restricted'),
  category: z.string().min(1, 'Choose the category of the ammunition.'),
  calibre: Text(100).optional(),
  manufacturer: Text(200).optional(),
  lotNumber: Text(100).min(1, 'Give the lot (batch) number as marked on the packaging.'),
  headstamp: Text(200).optional(),
  year: Year.optional(),
  quantity: z.coerce.number().int().positive('Give the quantity received, above zero.'),
  siteId: Id.optional(),
  notes: Text(4000).optional(),
  occurredOn: z.iso.date('Give the date as YYYY-MM-DD.').optional(),
});

export const LotSummary = z.object({
  id: Id,
  organisationId: Id,
  confidentiality: Confidentiality,
  category: z.string(),
  calibre: z.string().nullable(),
  manufacturer: z.string().nullable(),
  lotNumber: z.string(),
  headstamp: z.string().nullable(),
  year: z.number().nullable(),
  quantity: z.number(),
  status: z.string(),
  siteId: z.string().nullable(),
  createdAt: IsoTimestamp,
});
export const LotDetail = LotSummary.extend({ notes: z.string().nullable(), events: z.array(LedgerEvent) });

export const Site = z.object({
  id: Id,
  organisationId: Id,
  name: z.string(),
  kind: z.string(),
  country: z.string().nullable(),
  adminArea: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});
export const CreateSite = z.object({
  organisationId: Id,
  name: Text(200).min(1, 'Give the site a name, e.g. "Depot 3".'),
  kind: z.enum(['depot', 'armoury', 'unit_store', 'collection_point', 'other']).default('depot'),
  country: Country.optional(),
  adminArea: Text(200).optional(),
  latitude: z.coerce.number().min(-90).max(90).optional(),
  longitude: z.coerce.number().min(-180).max(180).optional(),
  confidentiality: Confidentiality.default('restricted'),
});

export const ImportIssue = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ImportDuplicate = z.object({
  row: z.number().int(),
  serial: z.string(),
  message: z.string(),
  candidates: z.array(
    z.object({
      weaponId: z.string().optional(),
      row: z.number().optional(),
      make: z.string().nullable(),
      model: z.string().nullable(),
      serial: z.string().nullable(),
    }),
  ),
});

export const ImportSummary = z.object({
  imported: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(ImportIssue),
  duplicates: z.array(ImportDuplicate),
  dryRun: z.boolean(),
  committed: z.boolean(),
  rows: z.number().int(),
  sitesCreated: z.array(z.string()),
  rejectsFile: z.string().nullable(),
  mapping: z.record(z.string(), z.string()),
  importId: z.string().nullable(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportMapping = z.object({
  headerRow: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('1-based row number of the header, when detection picks the wrong one'),
  columns: z
    .record(z.string(), z.string().nullable())
    .optional()
    .describe('header text or column letter -> field (null to ignore)'),
  defaults: z
    .record(z.string(), z.string())
    .optional()
    .describe('field -> value used when the cell is empty or the column absent'),
});
export type ImportMapping = z.infer<typeof ImportMapping>;

/** What an upload answers: the stored file, with what was read from its EXIF. */
export const StoredAttachment = z.object({
  id: Id,
  sha256: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  takenAt: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  thumbnailSha256: z.string().nullable(),
});

const VocabularyEntryView = z.object({
  code: z.string(),
  label: z.string(),
  labelFr: z.string().optional(),
  group: z.string().optional(),
  trackedBy: z.string().optional(),
});
/** Each registry vocabulary by name (categories, eventTypes, ...), its entries in order. */
export const RegistryVocabularies = z.record(z.string(), z.array(VocabularyEntryView));

/** A file download: declared by content type in the OpenAPI document, not as JSON. */
export const FileDownload = z.any().describe('The file itself (binary), of the content type declared');
