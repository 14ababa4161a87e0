/**
 * Designation lists (UN Security Council Consolidated List, OFAC SDN) parsed into one model,
 * and compared version to version. Pure functions: no I/O.
 */

export type { CountryResolution } from '../../../../reference/countries/countries.ts';
export {
  countryInfo,
  countryToIso3,
  normalizeCountryKey,
  resolveCountry,
} from '../../../../reference/countries/countries.ts';
export type { DesignationChange, DiffOptions, FieldChange, SnapshotDiff } from './diff.ts';
export { canonicalJson, diffDesignations, diffSnapshots } from './diff.ts';
export * from './model.ts';
export { ofacVersionFromFileName, parseOfacSdnCsv, splitPrograms } from './ofac-csv.ts';
export type { RemarksParse } from './ofac-remarks.ts';
export { parseOfacRemarks } from './ofac-remarks.ts';
export { parseUnConsolidatedXml } from './un-xml.ts';
