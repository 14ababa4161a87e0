import fs from 'node:fs';

/** A small deterministic PRNG (mulberry32) so that every run generates the same inventory. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weapon types as they appear in state armouries under embargo, weighted roughly by how common they are. */
const MODELS: {
  category: string;
  make: string;
  model: string;
  calibre: string;
  country: string;
  years: [number, number];
  weight: number;
}[] = [
  {
    category: 'assault_rifles',
    make: 'Izhmash',
    model: 'AKM',
    calibre: '7.62x39mm',
    country: 'RUS',
    years: [1959, 1977],
    weight: 20,
  },
  {
    category: 'assault_rifles',
    make: 'Norinco',
    model: 'Type 56',
    calibre: '7.62x39mm',
    country: 'CHN',
    years: [1956, 2010],
    weight: 18,
  },
  {
    category: 'assault_rifles',
    make: 'Izhmash',
    model: 'AK-74',
    calibre: '5.45x39mm',
    country: 'RUS',
    years: [1974, 1991],
    weight: 8,
  },
  {
    category: 'assault_rifles',
    make: 'Zastava',
    model: 'M70',
    calibre: '7.62x39mm',
    country: 'SRB',
    years: [1970, 2015],
    weight: 6,
  },
  {
    category: 'assault_rifles',
    make: 'Cugir',
    model: 'PM md. 63',
    calibre: '7.62x39mm',
    country: 'ROU',
    years: [1963, 1990],
    weight: 5,
  },
  {
    category: 'rifles_carbines',
    make: 'FN Herstal',
    model: 'FAL',
    calibre: '7.62x51mm NATO',
    country: 'BEL',
    years: [1955, 1990],
    weight: 5,
  },
  {
    category: 'rifles_carbines',
    make: 'Heckler & Koch',
    model: 'G3',
    calibre: '7.62x51mm NATO',
    country: 'DEU',
    years: [1960, 1995],
    weight: 4,
  },
  {
    category: 'revolvers_pistols',
    make: 'Izhevsk',
    model: 'PM (Makarov)',
    calibre: '9x18mm',
    country: 'RUS',
    years: [1951, 1995],
    weight: 6,
  },
  {
    category: 'revolvers_pistols',
    make: 'Beretta',
    model: '92FS',
    calibre: '9x19mm',
    country: 'ITA',
    years: [1976, 2020],
    weight: 3,
  },
  {
    category: 'light_machine_guns',
    make: 'Degtyarev',
    model: 'PKM',
    calibre: '7.62x54mmR',
    country: 'RUS',
    years: [1969, 2000],
    weight: 4,
  },
  {
    category: 'light_machine_guns',
    make: 'Norinco',
    model: 'Type 80',
    calibre: '7.62x54mmR',
    country: 'CHN',
    years: [1980, 2005],
    weight: 2,
  },
  {
    category: 'heavy_machine_guns',
    make: 'Degtyarev',
    model: 'DShKM',
    calibre: '12.7x108mm',
    country: 'RUS',
    years: [1946, 1980],
    weight: 2,
  },
  {
    category: 'sub_machine_guns',
    make: 'Heckler & Koch',
    model: 'MP5',
    calibre: '9x19mm',
    country: 'DEU',
    years: [1966, 2015],
    weight: 2,
  },
  {
    category: 'anti_tank_launchers',
    make: 'Bazalt',
    model: 'RPG-7',
    calibre: '40mm',
    country: 'RUS',
    years: [1961, 1990],
    weight: 4,
  },
  {
    category: 'mortars',
    make: 'Norinco',
    model: 'Type 63',
    calibre: '60mm',
    country: 'CHN',
    years: [1963, 2000],
    weight: 1,
  },
];
const TOTAL_WEIGHT = MODELS.reduce((s, m) => s + m.weight, 0);

const CONDITIONS = ['serviceable', 'serviceable', 'serviceable', 'unserviceable', 'damaged'];
export const HEADER = [
  'Catégorie',
  'Fabricant',
  'Modèle',
  'Calibre',
  'N° de série',
  'Pays de fabrication',
  'Année de fabrication',
  'Dépôt',
  'Unité',
  'Matricule',
  'Marquages',
  'État',
];

/** The normalised serial of generated row i (two letters and seven digits), for benchmarks to search. */
export function normalisedSerialOfRow(i: number): string {
  const prefix = String.fromCharCode(65 + (i % 26)) + String.fromCharCode(65 + (Math.floor(i / 26) % 26));
  return `${prefix}${String(i).padStart(7, '0')}`;
}

function csvCell(v: string): string {
  return /[",\n;]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/**
 * Writes an inventory CSV with French headers, as a national commission receives it from an army:
 * unique serials per make and model, sites and units, some Cyrillic markings.
 */
export function generateInventoryCsv(file: string, rows: number, seed = 2616): void {
  const random = prng(seed);
  const out = fs.openSync(file, 'w');
  let buffer = `${HEADER.join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    let pick = random() * TOTAL_WEIGHT;
    let m = MODELS[0]!;
    for (const candidate of MODELS) {
      pick -= candidate.weight;
      if (pick <= 0) {
        m = candidate;
        break;
      }
    }
    const year = m.years[0] + Math.floor(random() * (m.years[1] - m.years[0] + 1));
    // Unique serial: a two-letter prefix and the row number, formatted as factories do.
    const prefix = String.fromCharCode(65 + (i % 26)) + String.fromCharCode(65 + (Math.floor(i / 26) % 26));
    const serial =
      random() < 0.5 ? `${prefix}${String(i).padStart(7, '0')}` : `${prefix}-${String(i).padStart(7, '0')}`;
    const site = `Depot ${1 + Math.floor(random() * 30)}`;
    const unit = `Battalion ${1 + Math.floor(random() * 120)}`;
    const reg = `REG-${String(i).padStart(8, '0')}`;
    const markings = m.country === 'RUS' && random() < 0.3 ? `Ижмаш ${year}` : '';
    const condition = CONDITIONS[Math.floor(random() * CONDITIONS.length)]!;
    buffer += `${[m.category, m.make, m.model, m.calibre, serial, m.country, String(year), site, unit, reg, markings, condition].map(csvCell).join(',')}\n`;
    if (buffer.length > 1 << 20) {
      fs.writeSync(out, buffer);
      buffer = '';
    }
  }
  fs.writeSync(out, buffer);
  fs.closeSync(out);
}
