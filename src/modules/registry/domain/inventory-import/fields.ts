/**
 * The fields an inventory spreadsheet can carry, and the header texts that mean each one. Headers
 * are compared after `normaliseHeader`, so accents, case, punctuation and spacing do not matter.
 * Synonyms cover the languages inventories arrive in (English, French, Spanish, Portuguese, Russian,
 * Arabic); a mapping file handles anything else.
 */
export const ITEM_FIELDS = [
  'category',
  'make',
  'model',
  'calibre',
  'serial',
  'country_of_manufacture',
  'year_of_manufacture',
  'import_country',
  'import_year',
  'national_registration_number',
  'condition',
  'site',
  'holder',
  'markings',
  'notes',
] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

export const FIELD_SYNONYMS: Record<ItemField, string[]> = {
  category: [
    'category',
    'type',
    'weapon type',
    'type of weapon',
    'item type',
    'categorie',
    'type d arme',
    'type arme',
    'tipo',
    'tipo de arma',
    'categoria',
    'категория',
    'тип',
    'тип оружия',
    'الفئة',
    'النوع',
  ],
  make: [
    'make',
    'manufacturer',
    'maker',
    'brand',
    'producer',
    'fabricant',
    'marque',
    'fabricante',
    'marca',
    'производитель',
    'изготовитель',
    'الصانع',
    'الشركة المصنعة',
  ],
  model: ['model', 'type model', 'model type', 'modele', 'modelo', 'модель', 'الطراز', 'الموديل'],
  calibre: [
    'calibre',
    'caliber',
    'cal',
    'calibre mm',
    'caliber mm',
    'calibre (mm)',
    'calibro',
    'калибр',
    'العيار',
  ],
  serial: [
    'serial',
    'serial no',
    'serial number',
    'serial nr',
    'serial num',
    's n',
    'sn',
    's no',
    'ser no',
    'serial #',
    'no de serie',
    'n de serie',
    'numero de serie',
    'num de serie',
    'n serie',
    'numero serie',
    'no serie',
    'serie',
    'numero de serie del arma',
    'серийный номер',
    'заводской номер',
    'номер',
    'зав номер',
    'الرقم التسلسلي',
  ],
  country_of_manufacture: [
    'country of manufacture',
    'country of origin',
    'origin',
    'made in',
    'manufacturing country',
    'pays de fabrication',
    'pays d origine',
    'origine',
    'pais de fabricacion',
    'pais de origen',
    'страна производства',
    'страна изготовления',
    'بلد الصنع',
  ],
  year_of_manufacture: [
    'year of manufacture',
    'year',
    'manufacture year',
    'year manufactured',
    'annee de fabrication',
    'annee',
    'ano de fabricacion',
    'ano',
    'год выпуска',
    'год изготовления',
    'год',
    'سنة الصنع',
  ],
  import_country: [
    'import country',
    'country of import',
    'importing country',
    'pays d importation',
    'pays importateur',
    'pais de importacion',
    'страна импорта',
  ],
  import_year: ['import year', 'year of import', 'annee d importation', 'ano de importacion', 'год импорта'],
  national_registration_number: [
    'national registration number',
    'registration number',
    'registration no',
    'reg no',
    'reg number',
    'national number',
    'numero d enregistrement',
    'n d enregistrement',
    'no d enregistrement',
    'matricule',
    'numero de registro',
    'registro',
    'регистрационный номер',
    'рег номер',
    'رقم التسجيل',
  ],
  condition: ['condition', 'state', 'status', 'etat', 'estado', 'состояние', 'الحالة'],
  site: [
    'site',
    'depot',
    'armoury',
    'armory',
    'location',
    'storage',
    'store',
    'stockpile',
    'lieu',
    'emplacement',
    'armurerie',
    'magasin',
    'deposito',
    'ubicacion',
    'склад',
    'место хранения',
    'الموقع',
    'المستودع',
  ],
  holder: [
    'holder',
    'unit',
    'assigned to',
    'issued to',
    'user unit',
    'unite',
    'detenteur',
    'affectation',
    'unidad',
    'часть',
    'подразделение',
    'الوحدة',
  ],
  markings: [
    'markings',
    'other markings',
    'marks',
    'other marks',
    'marquages',
    'autres marquages',
    'marquage',
    'marcas',
    'marcajes',
    'маркировка',
    'клейма',
    'العلامات',
  ],
  notes: [
    'notes',
    'note',
    'remarks',
    'comments',
    'comment',
    'observations',
    'observation',
    'commentaires',
    'remarques',
    'observaciones',
    'примечание',
    'примечания',
    'ملاحظات',
  ],
};

/** Lower-cases, strips accents and punctuation, folds spaces: "N° de série" -> "n de serie". */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[°º#]/g, (c) => (c === '#' ? ' # ' : ' '))
    .replace(/[^\p{L}\p{N}#]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

const SYNONYM_INDEX: Map<string, ItemField> = (() => {
  const index = new Map<string, ItemField>();
  for (const field of ITEM_FIELDS) {
    index.set(normaliseHeader(field.replaceAll('_', ' ')), field);
    for (const s of FIELD_SYNONYMS[field]) index.set(normaliseHeader(s), field);
  }
  return index;
})();

export function fieldForHeader(header: string): ItemField | undefined {
  return SYNONYM_INDEX.get(normaliseHeader(header));
}
