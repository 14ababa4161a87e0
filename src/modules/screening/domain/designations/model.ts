/**
 * One normalised model for designated parties, whichever list they come from: the UN Security
 * Council Consolidated List (XML) and the US Treasury OFAC SDN list (CSV). Pure data: parsing is
 * in un-xml.ts and ofac-csv.ts, comparison of two versions in diff.ts.
 *
 * Conventions: text is trimmed and its whitespace runs collapsed to one space; dates are ISO 8601
 * (YYYY-MM-DD) where the source gives a full date; country fields keep the text as listed next to
 * its ISO 3166-1 alpha-3 code (null when it names no country or none we know). Absent optional
 * properties are omitted, not set to undefined, so that snapshots compare and serialise cleanly.
 */

export type ListSource = 'un-sc' | 'ofac-sdn';

export const LIST_SOURCES: readonly ListSource[] = ['un-sc', 'ofac-sdn'];

export type DesignationType = 'person' | 'organization' | 'vessel' | 'aircraft';

/**
 * The quality the list gives an alias. UN individuals: Good or Low. UN entities: a.k.a. or f.k.a.
 * (their QUALITY element holds the alias kind). OFAC: the aliases in the SDN file's remarks are
 * its weak AKAs (strong aliases are published separately in ALT.CSV), so they are 'low'.
 */
export type AliasQuality = 'good' | 'low' | 'aka' | 'fka';

/** also known as, formerly known as, now known as. */
export type AliasKind = 'aka' | 'fka' | 'nka';

export interface Alias {
  name: string;
  quality: AliasQuality;
  kind: AliasKind;
  /** Weak evidence: a Low-quality UN alias or an OFAC weak AKA. A match on it alone should not decide. */
  weak: boolean;
  note?: string;
  /** UN individual aliases may carry the birth data that goes with that identity. */
  dateOfBirth?: string;
  cityOfBirth?: string;
  countryOfBirth?: string;
}

export interface NameParts {
  /** UN FIRST_NAME .. FOURTH_NAME, as listed (for individuals). */
  first?: string;
  second?: string;
  third?: string;
  fourth?: string;
  /** OFAC individuals are listed "FAMILY, Given names". */
  family?: string;
  given?: string;
}

export interface Nationality {
  /** As listed, e.g. "Iran (Islamic Republic of)", "Sudanese by birth", "Korea, North". */
  raw: string;
  iso3: string | null;
  /** Other countries the same value names ("Sudan/South Sudan"). */
  alternatives?: string[];
  /** What the value says besides the country ("possibly", "citizenship withdrawn in 2002"). */
  qualifier?: string;
  /** OFAC distinguishes "nationality" and "citizen"; UN values are nationalities. */
  basis?: 'nationality' | 'citizenship';
}

interface BirthDateBase {
  /** The source's own words, e.g. "DOB circa 1951", "BETWEEN 1955 1958 (Approximately)". */
  raw: string;
  /** UN TYPE_OF_DATE APPROXIMATELY, OFAC "circa", or an "Approximately" note. */
  approximate: boolean;
  note?: string;
}

/**
 * A date of birth. 'exact': a full date. 'year': only the year is known. 'range': the date lies
 * between two dates, inclusive (UN BETWEEN FROM_YEAR..TO_YEAR becomes YYYY-01-01..YYYY-12-31; a
 * month such as "Nov. 1973" becomes 1973-11-01..1973-11-30). 'text': the source gives no usable
 * date, only words ("29 years old", a Hijri date), kept for a person to read.
 */
export type BirthDate =
  | (BirthDateBase & { kind: 'exact'; date: string })
  | (BirthDateBase & { kind: 'year'; year: number })
  | (BirthDateBase & { kind: 'range'; from: string; to: string })
  | (BirthDateBase & { kind: 'text' });

export interface Place {
  street?: string;
  city?: string;
  stateProvince?: string;
  zipCode?: string;
  country?: string;
  countryIso3?: string | null;
  note?: string;
  /** The whole place as one text when the source does not split it (OFAC "POB Culiacan, Sinaloa, Mexico"). */
  raw?: string;
}

export type BirthPlace = Place;
export type Address = Place;

export type DocumentKind = 'passport' | 'national-id' | 'tax-id' | 'registration' | 'other';

export interface IdentityDocument {
  /** The document type as listed ("Passport", "National Identification Number", "Cedula No."). */
  type: string;
  kind: DocumentKind;
  number: string | null;
  /** Issuing country as listed, and its code. */
  country?: string;
  countryIso3?: string | null;
  /** Date of issue (YYYY-MM-DD when the source gives a full date, else as written). */
  issued?: string;
  expires?: string;
  /** City of issue. */
  issuedIn?: string;
  /** UN TYPE_OF_DOCUMENT2: a second, free-text type description. */
  typeDetail?: string;
  note?: string;
}

export interface VesselInfo {
  imo?: string;
  mmsi?: string;
  callSign?: string;
  vesselType?: string;
  /** Tonnage and gross registered tonnage as listed (OFAC writes "99,144"). */
  tonnage?: string;
  grossRegisteredTonnage?: string;
  flag?: string;
  flagIso3?: string | null;
  owner?: string;
  formerFlags?: string[];
  yearBuilt?: string;
  otherCallSigns?: string[];
  otherFlags?: string[];
  otherTypes?: string[];
}

export interface AircraftInfo {
  model?: string;
  manufacturerSerialNumber?: string;
  tailNumber?: string;
  previousTailNumbers?: string[];
  operator?: string;
  manufactureDate?: string;
  constructionNumber?: string;
  modeSTransponderCode?: string;
}

/** A fact the list states that has no field of its own (OFAC "Linked To: ...", "Target Type ..."). */
export interface OtherInfo {
  label: string;
  value: string;
}

export type Gender = 'male' | 'female' | 'unknown';

export interface Designation {
  source: ListSource;
  /** UN REFERENCE_NUMBER ("QDi.421", "KPe.053"); OFAC ent_num ("36"). Unique within a source. */
  ref: string;
  /** UN DATAID; OFAC ent_num. */
  dataId: string | null;
  /** UN VERSIONNUM; null for OFAC. */
  versionNum: number | null;
  type: DesignationType;
  /** UN_LIST_TYPE ("DPRK", "Al-Qaida"), or the first OFAC program ("SDGT"). */
  regime: string;
  /** Every program or regime the designation falls under (UN: just the regime). */
  programs: string[];
  /** The full primary name as listed (UN: name parts joined; OFAC: SDN_Name). */
  name: string;
  nameParts: NameParts;
  originalScriptName: string | null;
  aliases: Alias[];
  /** Honorifics and ranks: Mullah, Haji, Dr, General. */
  titles: string[];
  /** Positions held (UN DESIGNATION, OFAC Title when it is a position). */
  designations: string[];
  nationalities: Nationality[];
  birthDates: BirthDate[];
  birthPlaces: BirthPlace[];
  gender: Gender | null;
  documents: IdentityDocument[];
  addresses: Address[];
  /** Date of listing, YYYY-MM-DD (UN LISTED_ON); null when the source does not say. */
  listedOn: string | null;
  /** UN LAST_DAY_UPDATED values, sorted. */
  lastUpdated: string[];
  /** UN COMMENTS1: the narrative summary. */
  narrative: string | null;
  vessel?: VesselInfo;
  aircraft?: AircraftInfo;
  /** UN SORT_KEY / SORT_KEY_LAST_MOD (empty in the published files). */
  sortKey?: string;
  sortKeyLastMod?: string;
  /** UN LIST_TYPE ("UN List"). */
  listType?: string;
  /** UN SUBMITTED_BY (individuals) and SUBMITTED_ON (entities). */
  submittedBy?: string;
  submittedOn?: string;
  /** UN DELISTED_ON. */
  delistedOn?: string;
  otherInfo: OtherInfo[];
  /** Source text kept for a person to check the parse (OFAC remarks). Never the whole XML record. */
  raw?: { remarks?: string };
}

/** The fields of a designation in their display order (also the order diffs report them in). */
export const DESIGNATION_FIELDS = [
  'source',
  'ref',
  'dataId',
  'versionNum',
  'type',
  'regime',
  'programs',
  'name',
  'nameParts',
  'originalScriptName',
  'aliases',
  'titles',
  'designations',
  'nationalities',
  'birthDates',
  'birthPlaces',
  'gender',
  'documents',
  'addresses',
  'listedOn',
  'lastUpdated',
  'narrative',
  'vessel',
  'aircraft',
  'sortKey',
  'sortKeyLastMod',
  'listType',
  'submittedBy',
  'submittedOn',
  'delistedOn',
  'otherInfo',
  'raw',
] as const satisfies readonly (keyof Designation)[];

export type DesignationField = (typeof DESIGNATION_FIELDS)[number];

// Compile-time check that DESIGNATION_FIELDS names every field of Designation.
type UnlistedField = Exclude<keyof Designation, DesignationField>;
const everyFieldListed: [UnlistedField] extends [never] ? true : UnlistedField = true;
void everyFieldListed;

/** The same designation with its fields in DESIGNATION_FIELDS order and undefined optional fields left out. */
export function inFieldOrder(d: Designation): Designation {
  const out: Record<string, unknown> = {};
  for (const field of DESIGNATION_FIELDS) if (d[field] !== undefined) out[field] = d[field];
  return out as unknown as Designation;
}

export interface ParseWarning {
  /** Line in the XML, or physical line in the CSV where the row starts. */
  line?: number;
  /** CSV record number (1-based). */
  row?: number;
  ref?: string;
  message: string;
}

export interface ListSnapshot {
  source: ListSource;
  /** UN: the dateGenerated attribute as written; OFAC: the publication date passed in (YYYY-MM-DD). */
  version: string;
  /** The generation instant (UN, in UTC) or date (OFAC) when known. */
  generatedAt: string | null;
  designations: Designation[];
  /** Anything the parser could not read or had to guess, with where it was. Never silent. */
  warnings: ParseWarning[];
}

/** Raised when a list file is refused as a whole: malformed, truncated, or not the expected list. */
export class ListParseError extends Error {
  readonly source: ListSource;
  readonly line: number | null;
  readonly column: number | null;
  readonly reason: string;

  constructor(source: ListSource, reason: string, line: number | null = null, column: number | null = null) {
    const where =
      line === null ? '' : column === null ? ` at line ${line}` : ` at line ${line}, column ${column}`;
    super(`${source} list refused${where}: ${reason}`);
    this.name = 'ListParseError';
    this.source = source;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

export interface SnapshotCounts {
  total: number;
  persons: number;
  organizations: number;
  vessels: number;
  aircraft: number;
  aliases: number;
  weakAliases: number;
  /** UN "entities" = organisations; for OFAC, entities also include vessels and aircraft. */
  entities: number;
}

export function countSnapshot(snapshot: ListSnapshot): SnapshotCounts {
  const counts: SnapshotCounts = {
    total: 0,
    persons: 0,
    organizations: 0,
    vessels: 0,
    aircraft: 0,
    aliases: 0,
    weakAliases: 0,
    entities: 0,
  };
  for (const d of snapshot.designations) {
    counts.total += 1;
    if (d.type === 'person') counts.persons += 1;
    else if (d.type === 'organization') counts.organizations += 1;
    else if (d.type === 'vessel') counts.vessels += 1;
    else counts.aircraft += 1;
    counts.aliases += d.aliases.length;
    for (const a of d.aliases) if (a.weak) counts.weakAliases += 1;
  }
  counts.entities = counts.total - counts.persons;
  return counts;
}
