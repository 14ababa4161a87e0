import { parse } from 'csv-parse/sync';
import { resolveCountry } from '../../../../reference/countries/countries.ts';
import {
  type Designation,
  type DesignationType,
  ListParseError,
  type ListSnapshot,
  type NameParts,
  type OtherInfo,
  type ParseWarning,
  type VesselInfo,
} from './model.ts';
import { parseOfacRemarks } from './ofac-remarks.ts';
import { cleanText, compact, isHonorificOrRank } from './text.ts';

/**
 * Parser for the OFAC SDN list in its legacy CSV form (SDN.CSV): primary records only, twelve
 * columns, no header, "-0-" for an empty value:
 *
 *   ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
 *   Vess_flag, Vess_owner, Remarks
 *
 * SDN_Type is "individual", "vessel", "aircraft", or empty for an entity. Program holds one or
 * more programs as "SDGT] [IFSR". Aliases, dates and places of birth, nationalities, gender and
 * identity documents are items of the remarks (ofac-remarks.ts). The aliases written there are
 * OFAC's weak AKAs: its strong aliases are in ALT.CSV, which this file does not include.
 *
 * A row that cannot be read is reported in `warnings` with its record number and line, never
 * dropped silently. A file with no readable SDN record is refused.
 */

const SOURCE = 'ofac-sdn';
const COLUMNS = 12;
const END_OF_FILE = String.fromCharCode(0x1a);

function cell(value: string | undefined): string {
  const v = cleanText(value);
  return v === '-0-' ? '' : v;
}

function typeOf(sdnType: string): DesignationType | null {
  switch (sdnType.toLowerCase()) {
    case '':
      return 'organization';
    case 'individual':
      return 'person';
    case 'vessel':
      return 'vessel';
    case 'aircraft':
      return 'aircraft';
    default:
      return null;
  }
}

/** "SDGT] [IFSR" (the CSV drops the outer brackets) -> ["SDGT", "IFSR"]. */
export function splitPrograms(program: string): string[] {
  return program
    .split(/\]\s*\[/u)
    .map((p) => p.replace(/[[\]]/gu, '').trim())
    .filter(Boolean);
}

/** "AL-ZAWAHIRI, Ayman" -> family "AL-ZAWAHIRI", given "Ayman". */
function personNameParts(name: string): NameParts {
  const comma = name.indexOf(',');
  if (comma < 0) return {};
  return compact<NameParts>({
    family: cleanText(name.slice(0, comma)) || undefined,
    given: cleanText(name.slice(comma + 1)) || undefined,
  });
}

/** The publication date in an OFAC file name such as "sdn-2024-05-03.csv", or null. */
export function ofacVersionFromFileName(fileName: string): string | null {
  const m = /(\d{4})-(\d{2})-(\d{2})/u.exec(fileName);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

interface CsvRow {
  record: string[];
  info: { lines: number; records: number };
}

/**
 * Parses the OFAC SDN CSV. `version` names the publication (the date it was downloaded or
 * published, YYYY-MM-DD); it becomes the snapshot's version, and its generatedAt when it is a date.
 */
export function parseOfacSdnCsv(text: string, version: string): ListSnapshot {
  const v = cleanText(version);
  if (!v) throw new ListParseError(SOURCE, 'a version (the publication date, YYYY-MM-DD) is required');
  const warnings: ParseWarning[] = [];
  // Strip a byte-order mark and the DOS end-of-file character (Ctrl-Z) OFAC appends.
  let body = (text.startsWith('\uFEFF') ? text.slice(1) : text).trimEnd();
  while (body.endsWith(END_OF_FILE)) body = body.slice(0, -1).trimEnd();
  if (body.trim() === '') throw new ListParseError(SOURCE, 'the file is empty', 1);

  let rows: CsvRow[];
  const skippedLines: number[] = [];
  try {
    rows = parse(body, {
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        const line = Number(error?.lines);
        if (!error || skippedLines.includes(line)) return undefined;
        skippedLines.push(line);
        warnings.push({
          line,
          row: Number(error.records) + skippedLines.length,
          message: `row not readable as CSV, skipped: ${error.message}`,
        });
        return undefined;
      },
    }) as unknown as CsvRow[];
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    throw new ListParseError(SOURCE, `not readable as CSV: ${e.message ?? String(error)}`, e.lines ?? null);
  }

  const designations: Designation[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of rows) {
    // Record number in the file, counting the records skipped before this one.
    const where = { line: info.lines, row: info.records + skippedLines.filter((l) => l < info.lines).length };
    if (record.length !== COLUMNS) {
      warnings.push({
        ...where,
        message: `expected ${COLUMNS} columns, found ${record.length}; row skipped`,
      });
      continue;
    }
    const [
      entNum,
      sdnName,
      sdnType,
      program,
      title,
      callSign,
      vessType,
      tonnage,
      grt,
      vessFlag,
      vessOwner,
      remarks,
    ] = record.map(cell) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!/^\d+$/u.test(entNum)) {
      warnings.push({ ...where, message: `ent_num "${entNum}" is not a number; row skipped` });
      continue;
    }
    const ref = entNum;
    if (!sdnName) {
      warnings.push({ ...where, ref, message: 'no SDN_Name; row skipped' });
      continue;
    }
    const firstRow = seen.get(ref);
    if (firstRow !== undefined) {
      warnings.push({
        ...where,
        ref,
        message: `ent_num ${ref} appears again (first at row ${firstRow}); row skipped`,
      });
      continue;
    }
    seen.set(ref, where.row);

    let type = typeOf(sdnType);
    if (!type) {
      warnings.push({ ...where, ref, message: `unknown SDN_Type "${sdnType}"; read as an organization` });
      type = 'organization';
    }
    const programs = splitPrograms(program);
    if (programs.length === 0) warnings.push({ ...where, ref, message: 'no program' });

    const parsed = parseOfacRemarks(remarks);
    for (const problem of parsed.problems) warnings.push({ ...where, ref, message: problem });

    const vessel: VesselInfo = compact<VesselInfo>({
      ...parsed.vessel,
      callSign: callSign || undefined,
      vesselType: vessType || undefined,
      tonnage: tonnage || undefined,
      grossRegisteredTonnage: grt || undefined,
      flag: vessFlag || undefined,
      flagIso3: vessFlag ? resolveCountry(vessFlag).iso3 : undefined,
      owner: vessOwner || undefined,
    });
    const documents = [...parsed.documents];
    const otherInfo: OtherInfo[] = [];
    const titles: string[] = [];
    const positions: string[] = [];
    // The Title column may hold several titles or positions separated by ";".
    const titleParts = title
      .split(';')
      .map((t) => cleanText(t))
      .filter(Boolean);
    for (const part of titleParts) (isHonorificOrRank(part) ? titles : positions).push(part);
    for (const info of parsed.otherInfo) {
      // OFAC repeats the Title column among the remarks; honorifics and ranks there are titles.
      if (info.label === 'Remark' && (titleParts.includes(info.value) || isHonorificOrRank(info.value))) {
        if (!titleParts.includes(info.value) && !titles.includes(info.value)) titles.push(info.value);
        continue;
      }
      otherInfo.push(info);
    }
    if (type !== 'vessel' && vessel.imo) {
      // On a company, "Vessel Registration Identification IMO" is the IMO company number.
      documents.push({ type: 'IMO number', kind: 'registration', number: vessel.imo });
      delete vessel.imo;
    }
    const hasVessel = Object.keys(vessel).length > 0;
    const hasAircraft = Object.keys(parsed.aircraft).length > 0;
    if (hasVessel && type !== 'vessel') {
      otherInfo.push({ label: 'Vessel information', value: JSON.stringify(vessel) });
      warnings.push({
        ...where,
        ref,
        message: `vessel details on a record of type ${type}; kept as other information`,
      });
    }
    if (hasAircraft && type !== 'aircraft') {
      otherInfo.push({ label: 'Aircraft information', value: JSON.stringify(parsed.aircraft) });
      warnings.push({
        ...where,
        ref,
        message: `aircraft details on a record of type ${type}; kept as other information`,
      });
    }

    const designation: Designation = {
      source: SOURCE,
      ref,
      dataId: entNum,
      versionNum: null,
      type,
      regime: programs[0] ?? '',
      programs,
      name: sdnName,
      nameParts: type === 'person' ? personNameParts(sdnName) : {},
      originalScriptName: null,
      aliases: parsed.aliases,
      titles,
      designations: positions,
      nationalities: parsed.nationalities,
      birthDates: parsed.birthDates,
      birthPlaces: parsed.birthPlaces,
      gender: parsed.gender,
      documents,
      addresses: [],
      listedOn: null,
      lastUpdated: [],
      narrative: null,
      ...(hasVessel && type === 'vessel' ? { vessel } : {}),
      ...(hasAircraft && type === 'aircraft' ? { aircraft: parsed.aircraft } : {}),
      otherInfo,
      ...(remarks ? { raw: { remarks } } : {}),
    };
    designations.push(designation);
  }

  if (designations.length === 0) {
    throw new ListParseError(
      SOURCE,
      `no SDN record found: expected ${COLUMNS} columns (ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks)`,
      1,
    );
  }

  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return {
    source: SOURCE,
    version: v,
    generatedAt: /^\d{4}-\d{2}-\d{2}$/u.test(v) ? v : null,
    designations,
    warnings,
  };
}
