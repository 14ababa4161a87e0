/**
 * Vocabularies of the arms and ammunition registry (shared/DOMAIN.md). Each list is the single source of
 * truth for the zod enums, the CLI's `materiel vocab ...`, the import's value matching and the web's
 * select boxes. Codes are stable identifiers stored in the database; labels are for people and may be
 * reworded without a migration.
 *
 * Lookups accept a code, an English or French label, or a listed alias, and ignore case, diacritics,
 * punctuation, small linking words and a plural 's' (see `vocabKey`), because baseline inventories
 * arrive as spreadsheets typed by hand in either language.
 */

import { rememberAnswers } from '../../reference/remember-answers.ts';

export interface VocabEntry<C extends string = string> {
  readonly code: C;
  readonly label: string;
  readonly labelFr: string;
  /** Other words people use for the entry (abbreviations, spreadsheet spellings); matched like labels. */
  readonly aliases?: readonly string[];
}

export type VocabLanguage = 'en' | 'fr';

export interface Vocabulary<E extends VocabEntry> {
  readonly entries: readonly E[];
  /** The codes in list order, for `z.enum(...)` and select boxes. */
  readonly codes: readonly E['code'][];
  isCode(value: unknown): value is E['code'];
  /** The entry for a code; throws for an unknown code because that is a programming error. */
  get(code: E['code']): E;
  /** The entry whose code, label, French label or alias matches the input, if any. */
  find(input: string): E | undefined;
  /** Shorthand for `find(input)?.code`. */
  parse(input: string): E['code'] | undefined;
  label(code: E['code'], language?: VocabLanguage): string;
}

/** Words that carry no meaning in a label ("Rifles and carbines", "Fusils d'assaut"). */
const LINKING_WORDS = new Set([
  'a',
  'an',
  'and',
  'or',
  'of',
  'the',
  'for',
  'et',
  'ou',
  'de',
  'des',
  'du',
  'd',
  'l',
  'la',
  'le',
  'les',
  'en',
  'pour',
]);

function singular(word: string): string {
  // A crude English and French singular is enough because both sides of a comparison go through it.
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/**
 * The comparison key of a vocabulary label or code: 'Assault rifles', 'assault rifle',
 * 'ASSAULT_RIFLES' and 'assault-rifles' all give 'assault_rifle'; 'Mitrailleuses légères' gives
 * 'mitrailleuse_legere'.
 */
export function vocabKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !LINKING_WORDS.has(word))
    .map(singular)
    .join('_');
}

/**
 * Builds the lookup for a list. Two entries that answer to the same key would make imports ambiguous,
 * so that fails when the module loads rather than when a user's file happens to contain the word.
 */
export function defineVocabulary<const E extends VocabEntry>(
  entries: readonly E[],
  keyOf: (text: string) => string = vocabKey,
): Vocabulary<E> {
  const byCode = new Map<string, E>();
  const byKey = new Map<string, E>();
  for (const entry of entries) {
    byCode.set(entry.code, entry);
    for (const name of [entry.code, entry.label, entry.labelFr, ...(entry.aliases ?? [])]) {
      const key = keyOf(name);
      const holder = byKey.get(key);
      if (holder && holder !== entry) {
        throw new Error(`Vocabulary clash: "${name}" of ${entry.code} reads like ${holder.code}.`);
      }
      byKey.set(key, entry);
    }
  }
  const get = (code: E['code']): E => {
    const entry = byCode.get(code);
    if (!entry) throw new Error(`Unknown vocabulary code "${code}".`);
    return entry;
  };
  const findByKey = rememberAnswers((input: string) => byKey.get(keyOf(input)));
  const find = (input: string): E | undefined => byCode.get(input) ?? findByKey(input);
  return {
    entries,
    codes: entries.map((entry) => entry.code),
    isCode: (value: unknown): value is E['code'] => typeof value === 'string' && byCode.has(value),
    get,
    find,
    parse: (input) => find(input)?.code,
    label: (code, language = 'en') => (language === 'fr' ? get(code).labelFr : get(code).label),
  };
}

// ---------------------------------------------------------------------------------------------------
// Categories of materiel

export const CATEGORY_GROUPS = defineVocabulary([
  { code: 'small_arms', label: 'Small arms', labelFr: 'Armes de petit calibre' },
  { code: 'light_weapons', label: 'Light weapons', labelFr: 'Armes légères' },
  { code: 'ammunition', label: 'Ammunition and explosives', labelFr: 'Munitions et explosifs' },
  { code: 'parts', label: 'Parts and components', labelFr: 'Pièces et composants' },
  { code: 'major_conventional', label: 'Major conventional arms', labelFr: 'Armes classiques majeures' },
]);
export type CategoryGroup = (typeof CATEGORY_GROUPS.entries)[number]['code'];

/** Weapons and parts are registered one by one; ammunition by lot (batch) with a quantity. */
export const TRACKING_MODES = ['piece', 'lot'] as const;
export type TrackingMode = (typeof TRACKING_MODES)[number];

export type UnRegisterCategory = 'I' | 'II' | 'III' | 'IV' | 'V' | 'VI' | 'VII';

export interface MaterielCategoryEntry<C extends string = string> extends VocabEntry<C> {
  readonly group: CategoryGroup;
  readonly trackedBy: TrackingMode;
  /** Category of the UN Register of Conventional Arms, for major conventional arms. */
  readonly unRegisterCategory?: UnRegisterCategory;
}

const smallArm = { group: 'small_arms', trackedBy: 'piece' } as const;
const lightWeapon = { group: 'light_weapons', trackedBy: 'piece' } as const;
const ammunition = { group: 'ammunition', trackedBy: 'lot' } as const;
const major = { group: 'major_conventional', trackedBy: 'piece' } as const;

export const MATERIEL_CATEGORIES = defineVocabulary([
  {
    code: 'revolvers_pistols',
    label: 'Revolvers and self-loading pistols',
    labelFr: 'Revolvers et pistolets à chargement automatique',
    aliases: ['pistol', 'revolver', 'handgun', 'self-loading pistol', 'pistolet'],
    ...smallArm,
  },
  {
    code: 'rifles_carbines',
    label: 'Rifles and carbines',
    labelFr: 'Fusils et carabines',
    aliases: ['rifle', 'carbine', 'fusil', 'carabine'],
    ...smallArm,
  },
  { code: 'assault_rifles', label: 'Assault rifles', labelFr: "Fusils d'assaut", ...smallArm },
  {
    code: 'sub_machine_guns',
    label: 'Sub-machine guns',
    labelFr: 'Mitraillettes',
    aliases: ['SMG', 'submachine gun', 'machine pistol', 'pistolet-mitrailleur'],
    ...smallArm,
  },
  {
    code: 'light_machine_guns',
    label: 'Light machine guns',
    labelFr: 'Mitrailleuses légères',
    aliases: ['LMG', 'fusil-mitrailleur'],
    ...smallArm,
  },
  {
    code: 'heavy_machine_guns',
    label: 'Heavy machine guns',
    labelFr: 'Mitrailleuses lourdes',
    aliases: ['HMG'],
    ...lightWeapon,
  },
  {
    code: 'grenade_launchers',
    label: 'Grenade launchers (hand-held, under-barrel and mounted)',
    labelFr: 'Lance-grenades (portatifs, sous le canon et montés)',
    aliases: ['grenade launcher', 'under-barrel grenade launcher', 'UGL', 'lance-grenades'],
    ...lightWeapon,
  },
  {
    code: 'portable_anti_aircraft_guns',
    label: 'Portable anti-aircraft guns',
    labelFr: 'Canons antiaériens portatifs',
    ...lightWeapon,
  },
  {
    code: 'portable_anti_tank_guns',
    label: 'Portable anti-tank guns',
    labelFr: 'Canons antichars portatifs',
    ...lightWeapon,
  },
  { code: 'recoilless_rifles', label: 'Recoilless rifles', labelFr: 'Fusils sans recul', ...lightWeapon },
  {
    code: 'anti_tank_launchers',
    label: 'Portable launchers of anti-tank missile and rocket systems',
    labelFr: 'Lance-missiles et lance-roquettes antichars portatifs',
    aliases: ['RPG', 'rocket launcher', 'anti-tank launcher', 'ATGM launcher', 'lance-roquettes'],
    ...lightWeapon,
  },
  {
    code: 'manpads',
    label: 'Portable launchers of anti-aircraft missile systems (MANPADS)',
    labelFr: 'Lance-missiles antiaériens portatifs (MANPADS)',
    aliases: ['man-portable air-defence system'],
    ...lightWeapon,
  },
  {
    code: 'mortars',
    label: 'Mortars of calibres below 100 mm',
    labelFr: 'Mortiers de calibre inférieur à 100 mm',
    aliases: ['mortar', 'mortier'],
    ...lightWeapon,
  },
  {
    code: 'small_arms_ammunition',
    label: 'Small-arms ammunition (cartridges)',
    labelFr: 'Munitions pour armes de petit calibre (cartouches)',
    aliases: ['small-arms ammunition', 'cartridge', 'cartouche', 'SAA'],
    ...ammunition,
  },
  {
    code: 'light_weapons_ammunition',
    label: 'Shells and missiles for light weapons',
    labelFr: 'Obus et missiles pour armes légères',
    aliases: ['light weapons ammunition', 'shell', 'mortar bomb', 'rocket', 'projectile', 'obus'],
    ...ammunition,
  },
  {
    code: 'hand_grenades',
    label: 'Hand grenades',
    labelFr: 'Grenades à main',
    aliases: ['grenade'],
    ...ammunition,
  },
  {
    code: 'landmines',
    label: 'Landmines',
    labelFr: 'Mines terrestres',
    aliases: ['land mine', 'mine'],
    ...ammunition,
  },
  { code: 'explosives', label: 'Explosives', labelFr: 'Explosifs', ...ammunition },
  {
    code: 'parts_components',
    label: 'Parts and components',
    labelFr: 'Pièces et composants',
    aliases: ['part', 'component', 'spare part', 'pièce détachée'],
    group: 'parts',
    trackedBy: 'piece',
  },
  {
    code: 'battle_tanks',
    label: 'Battle tanks',
    labelFr: 'Chars de combat',
    aliases: ['tank'],
    unRegisterCategory: 'I',
    ...major,
  },
  {
    code: 'armoured_combat_vehicles',
    label: 'Armoured combat vehicles',
    labelFr: 'Véhicules blindés de combat',
    aliases: ['ACV', 'armored combat vehicle', 'APC', 'armoured personnel carrier'],
    unRegisterCategory: 'II',
    ...major,
  },
  {
    code: 'large_calibre_artillery',
    label: 'Large-calibre artillery systems',
    labelFr: "Systèmes d'artillerie de gros calibre",
    aliases: ['artillery', 'large-caliber artillery'],
    unRegisterCategory: 'III',
    ...major,
  },
  {
    code: 'combat_aircraft',
    label: 'Combat aircraft and unmanned combat aerial vehicles',
    labelFr: 'Avions de combat et véhicules aériens de combat sans équipage',
    aliases: ['combat aircraft', 'UCAV', 'combat drone'],
    unRegisterCategory: 'IV',
    ...major,
  },
  {
    code: 'attack_helicopters',
    label: 'Attack helicopters',
    labelFr: "Hélicoptères d'attaque",
    unRegisterCategory: 'V',
    ...major,
  },
  {
    code: 'warships',
    label: 'Warships',
    labelFr: 'Navires de guerre',
    aliases: ['warship'],
    unRegisterCategory: 'VI',
    ...major,
  },
  {
    code: 'missiles_launchers',
    label: 'Missiles and missile launchers',
    labelFr: 'Missiles et lanceurs de missiles',
    aliases: ['missile', 'missile launcher'],
    unRegisterCategory: 'VII',
    ...major,
  },
] as const satisfies readonly MaterielCategoryEntry[]);
export type MaterielCategory = (typeof MATERIEL_CATEGORIES.entries)[number]['code'];

export function trackingModeOf(category: MaterielCategory): TrackingMode {
  return MATERIEL_CATEGORIES.get(category).trackedBy;
}

// ---------------------------------------------------------------------------------------------------
// Ledger

/** What can happen to an item; each is appended to its ledger (see src/domain/registry/ledger.ts). */
export const LEDGER_EVENT_TYPES = defineVocabulary([
  { code: 'registered', label: 'Registered', labelFr: 'Enregistré', aliases: ['registration'] },
  { code: 'marked', label: 'Marked', labelFr: 'Marqué', aliases: ['marking'] },
  {
    code: 'received',
    label: 'Received (import or transfer)',
    labelFr: 'Reçu (importation ou transfert)',
    aliases: ['import', 'imported', 'receipt'],
  },
  { code: 'issued', label: 'Issued', labelFr: 'Distribué', aliases: ['issue'] },
  { code: 'returned', label: 'Returned to store', labelFr: 'Réintégré', aliases: ['return'] },
  { code: 'transferred', label: 'Transferred', labelFr: 'Transféré', aliases: ['transfer', 'dispatched'] },
  { code: 'reported_lost', label: 'Reported lost', labelFr: 'Déclaré perdu', aliases: ['lost'] },
  { code: 'reported_stolen', label: 'Reported stolen', labelFr: 'Déclaré volé', aliases: ['stolen'] },
  { code: 'recovered', label: 'Recovered', labelFr: 'Récupéré' },
  { code: 'seized', label: 'Seized', labelFr: 'Saisi', aliases: ['seizure'] },
  { code: 'surrendered', label: 'Surrendered', labelFr: 'Remis volontairement', aliases: ['surrender'] },
  {
    code: 'collected',
    label: 'Collected (disarmament programme)',
    labelFr: 'Collecté (programme de désarmement)',
    aliases: ['collection'],
  },
  { code: 'found', label: 'Found', labelFr: 'Trouvé', aliases: ['cache found'] },
  { code: 'inspected', label: 'Inspected', labelFr: 'Inspecté', aliases: ['inspection'] },
  { code: 'destroyed', label: 'Destroyed', labelFr: 'Détruit', aliases: ['destruction'] },
  { code: 'exported', label: 'Exported', labelFr: 'Exporté', aliases: ['export'] },
  { code: 'corrected', label: 'Corrected', labelFr: 'Corrigé', aliases: ['correction'] },
]);
export type LedgerEventType = (typeof LEDGER_EVENT_TYPES.entries)[number]['code'];

/** An item's current status, always derived from its ledger, never stored as the truth. */
export const ITEM_STATUSES = defineVocabulary([
  { code: 'in_stock', label: 'In stock', labelFr: 'En stock' },
  { code: 'issued', label: 'Issued', labelFr: 'Distribué' },
  { code: 'in_transit', label: 'In transit', labelFr: 'En transit' },
  { code: 'lost', label: 'Lost', labelFr: 'Perdu' },
  { code: 'stolen', label: 'Stolen', labelFr: 'Volé' },
  {
    code: 'recovered',
    label: 'Recovered (found, surrendered or collected)',
    labelFr: 'Récupéré (trouvé, remis ou collecté)',
  },
  { code: 'seized', label: 'Seized', labelFr: 'Saisi' },
  { code: 'destroyed', label: 'Destroyed', labelFr: 'Détruit' },
  { code: 'exported', label: 'Exported', labelFr: 'Exporté' },
]);
export type ItemStatus = (typeof ITEM_STATUSES.entries)[number]['code'];

// ---------------------------------------------------------------------------------------------------
// Markings

export const MARKING_KINDS = defineVocabulary([
  {
    code: 'serial',
    label: 'Serial number',
    labelFr: 'Numéro de série',
    aliases: ['S/N', 'SN', 'serial no', 'N° de série'],
  },
  { code: 'manufacturer', label: "Manufacturer's name", labelFr: 'Nom du fabricant', aliases: ['make'] },
  { code: 'model', label: 'Model', labelFr: 'Modèle', aliases: ['type'] },
  { code: 'calibre', label: 'Calibre', labelFr: 'Calibre', aliases: ['caliber'] },
  {
    code: 'country_of_manufacture',
    label: 'Country of manufacture',
    labelFr: 'Pays de fabrication',
  },
  { code: 'year_of_manufacture', label: 'Year of manufacture', labelFr: 'Année de fabrication' },
  { code: 'import_mark', label: 'Import mark', labelFr: "Marque d'importation" },
  { code: 'proof_mark', label: 'Proof mark', labelFr: "Poinçon d'épreuve" },
  { code: 'factory_code', label: 'Factory code', labelFr: "Code d'usine" },
  { code: 'unit_mark', label: 'Unit mark', labelFr: "Marque d'unité" },
  {
    code: 'national_registration',
    label: 'National registration number',
    labelFr: "Numéro d'enregistrement national",
  },
  { code: 'national_marking_code', label: 'National marking code', labelFr: 'Code de marquage national' },
  { code: 'armoury_stamp', label: 'Armoury stamp', labelFr: "Tampon d'armurerie", aliases: ['armory stamp'] },
  {
    code: 'lot_mark',
    label: 'Lot or batch mark',
    labelFr: 'Marque de lot',
    aliases: ['lot number', 'batch number', 'headstamp'],
  },
  { code: 'other', label: 'Other', labelFr: 'Autre' },
]);
export type MarkingKind = (typeof MARKING_KINDS.entries)[number]['code'];

export const MARKING_POSITIONS = defineVocabulary([
  { code: 'frame_left', label: 'Frame, left side', labelFr: 'Carcasse, côté gauche' },
  { code: 'frame_right', label: 'Frame, right side', labelFr: 'Carcasse, côté droit' },
  { code: 'receiver_left', label: 'Receiver, left side', labelFr: 'Boîte de culasse, côté gauche' },
  { code: 'receiver_right', label: 'Receiver, right side', labelFr: 'Boîte de culasse, côté droit' },
  { code: 'receiver_top', label: 'Receiver, top', labelFr: 'Boîte de culasse, dessus' },
  { code: 'barrel', label: 'Barrel', labelFr: 'Canon' },
  { code: 'slide', label: 'Slide', labelFr: 'Glissière' },
  { code: 'bolt', label: 'Bolt', labelFr: 'Culasse' },
  { code: 'magazine', label: 'Magazine', labelFr: 'Chargeur' },
  { code: 'stock', label: 'Stock', labelFr: 'Crosse', aliases: ['butt'] },
  { code: 'grip', label: 'Grip', labelFr: 'Poignée' },
  { code: 'packaging', label: 'Packaging', labelFr: 'Emballage' },
  { code: 'other', label: 'Other', labelFr: 'Autre' },
]);
export type MarkingPosition = (typeof MARKING_POSITIONS.entries)[number]['code'];

/** The script a marking is written in; non-Latin markings also get a transliteration. */
export const MARKING_SCRIPTS = defineVocabulary([
  { code: 'latin', label: 'Latin', labelFr: 'Latin' },
  { code: 'cyrillic', label: 'Cyrillic', labelFr: 'Cyrillique' },
  { code: 'arabic', label: 'Arabic', labelFr: 'Arabe' },
  { code: 'chinese', label: 'Chinese', labelFr: 'Chinois' },
  { code: 'other', label: 'Other', labelFr: 'Autre' },
]);
export type MarkingScript = (typeof MARKING_SCRIPTS.entries)[number]['code'];

export const ITEM_CONDITIONS = defineVocabulary([
  { code: 'serviceable', label: 'Serviceable', labelFr: 'En état de service' },
  { code: 'unserviceable', label: 'Unserviceable', labelFr: "Hors d'usage" },
  { code: 'damaged', label: 'Damaged', labelFr: 'Endommagé' },
  { code: 'deactivated', label: 'Deactivated', labelFr: 'Neutralisé' },
  { code: 'unknown', label: 'Unknown', labelFr: 'Inconnu' },
]);
export type ItemCondition = (typeof ITEM_CONDITIONS.entries)[number]['code'];

export const DOCUMENT_KINDS = defineVocabulary([
  { code: 'licence', label: 'Licence', labelFr: 'Licence', aliases: ['license', 'permit'] },
  {
    code: 'end_user_certificate',
    label: 'End-user certificate',
    labelFr: "Certificat d'utilisateur final",
    aliases: ['EUC'],
  },
  {
    code: 'delivery_verification',
    label: 'Delivery verification certificate',
    labelFr: 'Certificat de vérification de livraison',
    aliases: ['DVC', 'delivery verification'],
  },
  {
    code: 'destruction_certificate',
    label: 'Destruction certificate',
    labelFr: 'Certificat de destruction',
  },
  { code: 'other', label: 'Other', labelFr: 'Autre' },
]);
export type DocumentKind = (typeof DOCUMENT_KINDS.entries)[number]['code'];

// ---------------------------------------------------------------------------------------------------
// Calibres

/**
 * The key under which calibres compare: lower case, decimal comma as a point, '×' (and Cyrillic 'х',
 * and '*') as 'x', no spaces, no 'mm' after a number, no 'NATO' after a case size, no leading 'cal.'. So
 * '7,62 x 39', '7.62X39', '7.62 mm x 39' and '7.62×39mm' share the key '7.62x39'.
 */
export function calibreKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(\d),(\d)/g, '$1.$2')
    .replace(/[×х*]/g, 'x')
    .replace(/\s+/g, '')
    .replace(/^(calibre|caliber|cal\.?|kal\.?)(?=[\d.])/, '')
    .replace(/(?<=\d)mm/g, '')
    .replace(/(x\d+(?:\.\d+)?r?)(nato|otan)/g, '$1')
    .replace(/(^|x)0(?=\.\d)/g, '$1');
}

/** Calibres met most often in state stockpiles and recovered materiel; codes are what is stored. */
export const CALIBRES = defineVocabulary(
  [
    { code: '.22 LR', label: '.22 Long Rifle', labelFr: '.22 Long Rifle', aliases: ['22 LR', '5.6mm LR'] },
    {
      code: '5.45x39mm',
      label: '5.45×39 mm',
      labelFr: '5,45 × 39 mm',
      aliases: ['5.45 Soviet'],
    },
    { code: '5.56x45mm', label: '5.56×45 mm NATO', labelFr: '5,56 × 45 mm OTAN', aliases: ['5.56 NATO'] },
    { code: '5.8x42mm', label: '5.8×42 mm', labelFr: '5,8 × 42 mm', aliases: ['DBP87'] },
    {
      code: '7.62x25mm',
      label: '7.62×25 mm Tokarev',
      labelFr: '7,62 × 25 mm Tokarev',
      aliases: ['7.62 Tokarev', '7.62x25 TT'],
    },
    { code: '7.62x39mm', label: '7.62×39 mm', labelFr: '7,62 × 39 mm', aliases: ['7.62 M43'] },
    { code: '7.62x51mm', label: '7.62×51 mm NATO', labelFr: '7,62 × 51 mm OTAN', aliases: ['7.62 NATO'] },
    {
      code: '7.62x54mmR',
      label: '7.62×54 mmR',
      labelFr: '7,62 × 54 mmR',
      aliases: ['7.62 Russian', '7.62x54 rimmed'],
    },
    {
      code: '7.62x63mm',
      label: '7.62×63 mm (.30-06 Springfield)',
      labelFr: '7,62 × 63 mm (.30-06 Springfield)',
      aliases: ['.30-06', '30-06', '.30-06 Springfield'],
    },
    {
      code: '7.65x17mm',
      label: '7.65×17 mm Browning (.32 ACP)',
      labelFr: '7,65 × 17 mm Browning (.32 ACP)',
      aliases: ['7.65 Browning', '.32 ACP', '32 ACP'],
    },
    {
      code: '7.7x56mmR',
      label: '7.7×56 mmR (.303 British)',
      labelFr: '7,7 × 56 mmR (.303 British)',
      aliases: ['.303 British', '.303', '303 British'],
    },
    {
      code: '7.92x57mm',
      label: '7.92×57 mm Mauser',
      labelFr: '7,92 × 57 mm Mauser',
      aliases: ['7.92 Mauser', '8mm Mauser', '8x57 IS'],
    },
    {
      code: '9x18mm',
      label: '9×18 mm Makarov',
      labelFr: '9 × 18 mm Makarov',
      aliases: ['9mm Makarov', '9x18 PM'],
    },
    {
      code: '9x19mm',
      label: '9×19 mm Parabellum',
      labelFr: '9 × 19 mm Parabellum',
      aliases: ['9mm Parabellum', '9mm Luger', '9mm Para', '9 Para'],
    },
    { code: '9x39mm', label: '9×39 mm', labelFr: '9 × 39 mm' },
    { code: '.38 Special', label: '.38 Special', labelFr: '.38 Special', aliases: ['38 Special', '.38 Spl'] },
    {
      code: '.45 ACP',
      label: '.45 ACP (11.43×23 mm)',
      labelFr: '.45 ACP (11,43 × 23 mm)',
      aliases: ['45 ACP', '.45 Auto', '11.43x23mm'],
    },
    {
      code: '12 gauge',
      label: '12 gauge',
      labelFr: 'Calibre 12 (fusil)',
      aliases: ['12 ga', '12 bore', '12GA', '12/70'],
    },
    {
      code: '12.7x99mm',
      label: '12.7×99 mm NATO (.50 BMG)',
      labelFr: '12,7 × 99 mm OTAN (.50 BMG)',
      aliases: ['.50 BMG', '50 BMG', '.50 cal', '12.7 NATO'],
    },
    { code: '12.7x108mm', label: '12.7×108 mm', labelFr: '12,7 × 108 mm' },
    { code: '14.5x114mm', label: '14.5×114 mm', labelFr: '14,5 × 114 mm' },
    { code: '23x152mm', label: '23×152 mm', labelFr: '23 × 152 mm' },
    { code: '30x29mm', label: '30×29 mm grenade', labelFr: '30 × 29 mm (grenade)' },
    {
      code: '40x46mm',
      label: '40×46 mm grenade (low velocity)',
      labelFr: '40 × 46 mm (grenade, basse vitesse)',
      aliases: ['40mm LV'],
    },
    {
      code: '40x53mm',
      label: '40×53 mm grenade (high velocity)',
      labelFr: '40 × 53 mm (grenade, haute vitesse)',
      aliases: ['40mm HV'],
    },
    { code: '40mm', label: '40 mm', labelFr: '40 mm' },
    { code: '57mm', label: '57 mm', labelFr: '57 mm' },
    { code: '60mm', label: '60 mm', labelFr: '60 mm' },
    { code: '66mm', label: '66 mm', labelFr: '66 mm' },
    { code: '73mm', label: '73 mm', labelFr: '73 mm' },
    { code: '81mm', label: '81 mm', labelFr: '81 mm' },
    { code: '82mm', label: '82 mm', labelFr: '82 mm' },
    { code: '84mm', label: '84 mm', labelFr: '84 mm' },
    { code: '85mm', label: '85 mm', labelFr: '85 mm' },
    { code: '90mm', label: '90 mm', labelFr: '90 mm' },
    { code: '106mm', label: '106 mm', labelFr: '106 mm' },
    { code: '107mm', label: '107 mm', labelFr: '107 mm' },
    { code: '120mm', label: '120 mm', labelFr: '120 mm' },
    { code: '122mm', label: '122 mm', labelFr: '122 mm' },
  ],
  calibreKey,
);
export type KnownCalibre = (typeof CALIBRES.entries)[number]['code'];

/** The listed calibre the input names, if any. */
export function findCalibre(input: string): (typeof CALIBRES.entries)[number] | undefined {
  return CALIBRES.find(input);
}

/**
 * The value to store for a calibre as typed: the listed code when there is one; otherwise a metric
 * 'AxB' size written like the listed ones ('6,5 x 55' -> '6.5x55mm'); otherwise the text itself with
 * its spacing tidied. An unlisted calibre is never rejected: the list cannot hold every cartridge in
 * the world, and a reading must not be lost.
 */
export const normaliseCalibre: (input: string) => string = rememberAnswers(computeNormalisedCalibre);

function computeNormalisedCalibre(input: string): string {
  const listed = CALIBRES.find(input);
  if (listed) return listed.code;
  const key = calibreKey(input);
  const metric = /^(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)(r|sr|b)?$/.exec(key);
  if (metric) return `${metric[1]}x${metric[2]}mm${(metric[3] ?? '').toUpperCase()}`;
  if (/^\d+(?:\.\d+)?$/.test(key) && /mm/i.test(input)) return `${key}mm`;
  return input.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------------------------------------------

/** Every registry vocabulary by the name `materiel vocab NAME` and the API use. */
export const REGISTRY_VOCABULARIES = {
  categories: MATERIEL_CATEGORIES,
  'category-groups': CATEGORY_GROUPS,
  'event-types': LEDGER_EVENT_TYPES,
  statuses: ITEM_STATUSES,
  'marking-kinds': MARKING_KINDS,
  'marking-positions': MARKING_POSITIONS,
  scripts: MARKING_SCRIPTS,
  conditions: ITEM_CONDITIONS,
  'document-kinds': DOCUMENT_KINDS,
  calibres: CALIBRES,
} as const;
export type RegistryVocabularyName = keyof typeof REGISTRY_VOCABULARIES;
