/**
 * Spelling variants of names. Two layers:
 * - fold(): rewrites the spelling alternations that transliteration systems produce for the same
 *   sound (kh/h, sch/sh, w/v, y/i, ou/u, doubled letters...), so "Sergej" and "Sergey", "Nooristani"
 *   and "Nuristani", "Mohammed" and "Mohamed" become equal;
 * - variant groups: names whose spellings differ more than folding can bridge but that are the same
 *   name (Muhammad/Mohammed/Mehmet, Usama/Osama, Abdul/Abd al-), and a weaker layer of nicknames and
 *   equivalents across languages (Bibi/Benjamin, Juan/John).
 */

const FOLD_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/shch/g, 'sh'],
  [/tsch/g, 'ch'],
  [/sch/g, 'sh'],
  [/tch/g, 'ch'],
  [/dzh/g, 'j'],
  [/dj/g, 'j'],
  [/zh/g, 'j'],
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/c(?=[aou]|[^aeiouyh]|$)/g, 'k'],
  [/w/g, 'v'],
  [/z/g, 's'],
  [/(?<=[aeiou])j(?![aeiou])/g, 'i'],
  [/ou/g, 'u'],
  [/oo/g, 'u'],
  [/ee/g, 'i'],
  [/ie/g, 'i'],
  [/y/g, 'i'],
  [/(.)\1+/g, '$1'],
];

const foldCache = new Map<string, string>();

/** Transliteration-insensitive spelling of a lower-case ASCII word. */
export function fold(word: string): string {
  const cached = foldCache.get(word);
  if (cached !== undefined) return cached;
  let out = word;
  for (const [pattern, replacement] of FOLD_RULES) out = out.replace(pattern, replacement);
  if (out.length === 0) out = word;
  if (foldCache.size < 200_000) foldCache.set(word, out);
  return out;
}

/** Same name, different transliteration. Written in common spellings; compared after folding. */
const SPELLING_GROUPS: ReadonlyArray<readonly string[]> = [
  [
    'muhammad',
    'mohammed',
    'mohammad',
    'mohamed',
    'mohamad',
    'muhammed',
    'mohamud',
    'mahomed',
    'mehmet',
    'mehmed',
    'mohd',
    'muhamad',
    'mochammad',
    'muhamed',
    'mokhammad',
    'magomed',
    'mamadou',
    'mouhamed',
    'mohammod',
    'muhamet',
    'mahammad',
    'maxamed',
  ],
  ['ahmad', 'ahmed', 'ahmet', 'achmad', 'akhmed', 'ahmadou'],
  ['abd', 'abdul', 'abdel', 'abdal', 'abdol', 'abdool', 'abdoul', 'abdil', 'abdur', 'abdus', 'abdu'],
  [
    'abdullah',
    'abdallah',
    'abdulah',
    'abdollah',
    'abdulla',
    'abdulahi',
    'abdullahi',
    'abdillahi',
    'cabdullaahi',
    'abdoulaye',
  ],
  ['usama', 'osama', 'usamah', 'osamah', 'ousama'],
  ['husayn', 'hussein', 'husein', 'hussain', 'husain', 'hosein', 'hossein', 'hussien', 'huseyin'],
  ['hasan', 'hassan', 'hasen', 'hassen', 'xasan'],
  ['umar', 'omar', 'omer', 'oumar', 'cumar'],
  ['uthman', 'othman', 'osman', 'usman', 'ousmane', 'otman'],
  ['yusuf', 'yousef', 'youssef', 'yusef', 'yousuf', 'yussuf', 'yosef', 'jusuf', 'yousif', 'yusif', 'yussef'],
  ['ibrahim', 'ebrahim', 'ibraheem', 'brahim', 'ibragim', 'ebrahem', 'ibrahima'],
  ['mahmud', 'mahmoud', 'mahmood', 'mahmut', 'makhmud'],
  ['mustafa', 'mostafa', 'moustafa', 'mustapha', 'mostapha', 'moustapha'],
  ['khalid', 'khaled', 'halid', 'xaalid'],
  ['said', 'saeed', 'saiid', 'sayeed', 'saied'],
  ['yahya', 'yahia', 'yehia', 'yahyah', 'yahiya'],
  ['qasim', 'kassem', 'qassem', 'kasim', 'qassim', 'kacem', 'gasim'],
  ['jamal', 'gamal', 'djamel', 'jamel', 'jamaal'],
  ['sulayman', 'suleiman', 'soliman', 'sulaiman', 'suleyman', 'slimane', 'suliman'],
  ['yasin', 'yassin', 'yaseen', 'yassine', 'yacine'],
  ['rahman', 'rehman', 'rahmane', 'rakhman'],
  ['faysal', 'faisal', 'feisal', 'faycal'],
  ['abu', 'abou', 'abo'],
  ['bin', 'ben', 'ibn', 'bint', 'ould', 'ebn'],
  ['al', 'el', 'ul', 'ad', 'ed', 'ar', 'as', 'ash', 'at', 'az', 'an', 'ud', 'ur'],
  ['muammar', 'moammar', 'muamar', 'moamar'],
  ['qaddafi', 'gaddafi', 'kadhafi', 'gadhafi', 'qadhafi', 'kaddafi', 'gathafi'],
  ['qaida', 'qaeda', 'kaida', 'qaeida'],
  ['sergey', 'sergei', 'serguei', 'sergej', 'sergiy', 'serhiy', 'sergii', 'serhii'],
  ['yevgeny', 'evgeny', 'evgeniy', 'yevgeniy', 'evgenii', 'jewgeni', 'yevhen', 'evgueni'],
  ['dmitry', 'dmitri', 'dmitriy', 'dmitrii', 'dmytro'],
  ['yuri', 'yury', 'yuriy', 'iurii', 'jurij', 'yurii'],
  ['aleksandr', 'alexander', 'aleksander', 'alexandr', 'oleksandr', 'aliaksandr', 'aleksandar', 'alyaksandr'],
  ['aleksey', 'alexei', 'alexey', 'aleksei', 'oleksiy', 'oleksii'],
  ['vladimir', 'volodymyr', 'uladzimir'],
  ['nikolay', 'nikolai', 'mykola'],
  ['pyotr', 'petr', 'piotr', 'petro'],
  ['mikhail', 'mykhailo', 'mikhael'],
  ['grigory', 'grigori', 'hryhoriy'],
  ['andrey', 'andrei', 'andriy', 'andrii', 'andrej'],
  ['zedong', 'tsetung', 'tsetong'],
  ['jinping', 'chinping'],
];

/** Same person's name in another language, or a familiar form. Weaker evidence than a spelling. */
const EQUIVALENT_GROUPS: ReadonlyArray<readonly string[]> = [
  [
    'john',
    'juan',
    'johann',
    'johannes',
    'jean',
    'giovanni',
    'ivan',
    'joao',
    'jan',
    'ioannis',
    'sean',
    'evan',
    'jack',
    'johnny',
  ],
  ['joseph', 'jose', 'giuseppe', 'josef', 'joe', 'yosef', 'iosif', 'osip'],
  ['michael', 'mikhail', 'michel', 'miguel', 'michele', 'michal', 'mike', 'mikael'],
  ['peter', 'pierre', 'pedro', 'pietro', 'pyotr', 'pete', 'petr'],
  ['paul', 'pablo', 'paolo', 'pavel', 'pol'],
  ['george', 'georges', 'jorge', 'giorgio', 'georgy', 'georgiy', 'yuri', 'jurgen'],
  ['william', 'bill', 'will', 'billy', 'guillaume', 'wilhelm', 'willem', 'guillermo'],
  ['robert', 'bob', 'rob', 'bobby', 'roberto'],
  ['richard', 'dick', 'rick', 'ricardo', 'riccardo'],
  ['james', 'jim', 'jimmy', 'diego', 'jaime', 'jacques', 'iago', 'yakov'],
  ['thomas', 'tom', 'tommy', 'tomas', 'tommaso', 'foma'],
  ['edward', 'ed', 'ted', 'eduardo', 'edouard'],
  ['theodore', 'ted', 'teddy', 'theo', 'fyodor', 'teodoro'],
  ['charles', 'charlie', 'chuck', 'carlos', 'carl', 'karl', 'carlo'],
  ['benjamin', 'ben', 'benny', 'bibi', 'binyamin', 'veniamin'],
  ['barack', 'barry'],
  ['alexander', 'alex', 'sasha', 'alessandro', 'alejandro', 'sandro', 'aleksandr', 'iskander', 'iskandar'],
  ['nicholas', 'nick', 'nicolas', 'nikolai', 'nicola', 'niklaus', 'klaus'],
  ['stephen', 'steven', 'steve', 'stefan', 'stephane', 'esteban', 'stepan'],
  ['anthony', 'tony', 'antonio', 'anton', 'antoine'],
  ['daniel', 'dan', 'danny', 'daniil'],
  ['david', 'dave', 'davide', 'dawud', 'daud', 'davood'],
  ['matthew', 'matt', 'mateo', 'matteo', 'matthias', 'mathieu', 'matvey'],
  ['andrew', 'andy', 'andre', 'andres', 'andrea', 'andrey', 'andreas'],
  ['henry', 'harry', 'henri', 'enrique', 'heinrich', 'enrico'],
  ['frederick', 'fred', 'friedrich', 'federico', 'frederic', 'fritz'],
  ['elizabeth', 'liz', 'beth', 'betty', 'elisabeth', 'isabel', 'elisabetta'],
  ['margaret', 'maggie', 'peggy', 'margarita', 'marguerite', 'margarethe'],
  ['catherine', 'kate', 'katherine', 'kathy', 'ekaterina', 'katerina', 'caterina', 'katharina'],
  ['mary', 'maria', 'marie', 'mariam', 'maryam', 'miriam'],
  ['abraham', 'ibrahim', 'avraham'],
  ['moses', 'musa', 'moshe', 'moise'],
  ['solomon', 'sulayman', 'shlomo'],
  ['jacob', 'yaqub', 'yakub', 'yaakov'],
  ['joshua', 'josh'],
  ['vladimir', 'vova', 'volodya'],
];

function buildCanon(groups: ReadonlyArray<readonly string[]>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  groups.forEach((group, i) => {
    for (const name of group) {
      const key = fold(name);
      const ids = map.get(key) ?? [];
      ids.push(`g${i}`);
      map.set(key, ids);
    }
  });
  return map;
}

const SPELLINGS = buildCanon(SPELLING_GROUPS);
const EQUIVALENTS = buildCanon(EQUIVALENT_GROUPS);

function share(map: Map<string, string[]>, a: string, b: string): boolean {
  const ga = map.get(a);
  const gb = map.get(b);
  if (!ga || !gb) return false;
  return ga.some((g) => gb.includes(g));
}

export type VariantKind = 'spelling' | 'equivalent';

/** Whether two folded words are known variants of one name, and of which kind. */
export function variantKind(foldedA: string, foldedB: string): VariantKind | undefined {
  if (share(SPELLINGS, foldedA, foldedB)) return 'spelling';
  if (share(EQUIVALENTS, foldedA, foldedB)) return 'equivalent';
  return undefined;
}

/** A stable representative of a folded word's spelling group (itself when it has none). */
export function spellingKey(folded: string): string {
  const groups = SPELLINGS.get(folded);
  return groups ? `~${groups[0]}` : folded;
}

const NO_GROUPS: readonly string[] = Object.freeze([]);
const groupCache = new Map<string, readonly string[]>();

/**
 * Every variant group a folded word belongs to ("~" spelling groups, "=" equivalents), shared and
 * cached: computed once per word, compared often.
 */
export function variantKeys(folded: string): readonly string[] {
  let groups = groupCache.get(folded);
  if (groups === undefined) {
    const list = [
      ...(SPELLINGS.get(folded) ?? []).map((g) => `~${g}`),
      ...(EQUIVALENTS.get(folded) ?? []).map((g) => `=${g}`),
    ];
    groups = list.length > 0 ? list : NO_GROUPS;
    if (groupCache.size < 200_000) groupCache.set(folded, groups);
  }
  return groups;
}

/** variantKind for two words' precomputed groups. */
export function variantKindOf(a: readonly string[], b: readonly string[]): VariantKind | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  let kind: VariantKind | undefined;
  for (const g of a) {
    if (!b.includes(g)) continue;
    if (g.startsWith('~')) return 'spelling';
    kind = 'equivalent';
  }
  return kind;
}
