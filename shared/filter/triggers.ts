/**
 * The words that make a name a style request. A creator's name alone is not one ("a story about a
 * king", "Irving, Texas"); it is next to one of these.
 *
 * - prefix triggers come before the name: "in the style of X", "à la X", "channel X", "pastiche of X";
 * - suffix triggers come after it: "X-esque", "X-style", "X-inspired", "in X's style";
 * - a form noun after the name makes it attributive: "a X joke", "some X dialogue";
 * - adjectival forms ("Lynchian", "Kafkaesque") are their own trigger (see creatorIndex.ts).
 * All written folded (lower case, no accents), as token lists.
 */

/** How a replacement is phrased: see rewrite.ts. */
export type TriggerKind = "prep" | "verb" | "noun" | "attr";

export interface PrefixTrigger {
  tokens: string[];
  kind: TriggerKind;
  /** For verbs: the form to rewrite with ("write", "writing", "writes"). */
  verb?: string;
  /** "like": only counts after a writing verb or a form noun, or before "<name> <form noun>" / "<name> would". */
  weak?: boolean;
  /** Too common a word to trust with a surname: only a whole name, written with a capital, counts ("as Dr. Seuss"). */
  fullOnly?: boolean;
}

const prep = (p: string): PrefixTrigger => ({ tokens: p.split(" "), kind: "prep" });
const verb = (p: string, v: string): PrefixTrigger => ({ tokens: p.split(" "), kind: "verb", verb: v });
const noun = (p: string): PrefixTrigger => ({ tokens: p.split(" "), kind: "noun" });

export const PREFIX_TRIGGERS: PrefixTrigger[] = [
  ...["style", "styles", "voice", "manner", "vein", "mode", "fashion", "spirit", "tradition", "mold", "mould", "school", "footsteps", "tone", "register"].flatMap((w) => [
    prep(`in the ${w} of`),
    prep(`the ${w} of`),
    prep(`a ${w} of`),
  ]),
  prep("after the manner of"),
  prep("as if written by"),
  prep("as if it were written by"),
  prep("as if it was written by"),
  prep("as though it were written by"),
  { ...prep("the way"), weak: true },
  prep("as though written by"),
  prep("as written by"),
  prep("as if by"),
  prep("a la"),
  prep("a la maniere de"),
  prep("a la maniere d"),
  prep("dans le style de"),
  prep("dans le style d"),
  prep("facon"),
  prep("im stil von"),
  prep("im stile von"),
  prep("nach art von"),
  prep("al estilo de"),
  prep("al estilo"),
  prep("a lo"),
  prep("en el estilo de"),
  prep("no estilo de"),
  prep("alla maniera di"),
  prep("nello stile di"),
  prep("in stile"),
  { tokens: ["like"], kind: "prep", weak: true },
  prep("write like"),
  prep("writes like"),
  prep("written like"),
  prep("writing like"),
  prep("sound like"),
  prep("sounds like"),
  prep("sounding like"),
  prep("read like"),
  prep("reads like"),
  prep("reading like"),
  prep("talk like"),
  prep("talks like"),
  prep("feel like"),
  prep("feels like"),
  verb("channel your inner", "write in"),
  verb("channel their inner", "write in"),
  verb("channel", "write in"),
  verb("channels", "writes in"),
  verb("channeling", "writing in"),
  verb("channelling", "writing in"),
  verb("imitate", "write in"),
  verb("imitates", "writes in"),
  verb("imitating", "writing in"),
  verb("emulate", "write in"),
  verb("emulates", "writes in"),
  verb("emulating", "writing in"),
  verb("mimic", "write in"),
  verb("mimics", "writes in"),
  verb("mimicking", "writing in"),
  { ...verb("copy", "write in"), fullOnly: true },
  { ...verb("ape", "write in"), fullOnly: true },
  verb("write as", "write in"),
  verb("write as if you were", "write in"),
  verb("write as though you were", "write in"),
  { ...verb("pretend you are", "write in"), fullOnly: true },
  { ...verb("pretend to be", "write in"), fullOnly: true },
  { ...verb("you are", "write in"), fullOnly: true },
  { ...verb("act as", "write in"), fullOnly: true },
  { ...verb("be", "write in"), fullOnly: true },
  { ...prep("as"), fullOnly: true },
  noun("pastiche of"),
  noun("a pastiche of"),
  noun("homage to"),
  noun("inspired by"),
  noun("influenced by"),
  noun("reminiscent of"),
  noun("evoking"),
  noun("evocative of"),
  noun("in homage to"),
  noun("rip off of"),
  noun("knockoff of"),
];

/** Words after a name that make a style request of it ("Tarantino-style", "Tarantino esque"). `hyphen`: only when joined by a hyphen. */
export const SUFFIX_TRIGGERS: Array<{ token: string; hyphen: boolean }> = [
  { token: "esque", hyphen: false },
  { token: "ish", hyphen: true },
  { token: "style", hyphen: false },
  { token: "styled", hyphen: false },
  { token: "like", hyphen: true },
  { token: "inspired", hyphen: false },
  { token: "influenced", hyphen: true },
  { token: "type", hyphen: true },
  { token: "flavored", hyphen: false },
  { token: "flavoured", hyphen: false },
  { token: "vibes", hyphen: false },
  { token: "vibe", hyphen: false },
  { token: "mode", hyphen: true },
];

/** After a possessive name: "in Tarantino's style", "Seinfeld's voice". */
export const POSSESSIVE_STYLE_NOUNS: ReadonlySet<string> = new Set(
  "style voice manner tone humor humour wit prose dialogue diction cadence cadences rhythm rhythms sensibility aesthetic touch flair approach way register idiom delivery".split(" "),
);

/** Forms a name can modify: "a Seinfeld joke", "some Tarantino dialogue", "a Coen brothers scene". */
export const FORM_NOUNS: ReadonlySet<string> = new Set(
  `joke jokes bit bits gag gags oneliner oneliners one sketch sketches monologue monologues routine routines standup
  scene scenes script scripts screenplay screenplays teleplay story stories novel novels novella short poem poems sonnet sonnets
  verse verses song songs lyric lyrics ballad ballads film films movie movies episode episodes sitcom plot plots premise premises
  line lines dialogue dialog ending endings twist twists opening chapter chapters thriller thrillers mystery mysteries tale tales
  fable fables play plays musical comedy comedies drama dramas tragedy satire parody limerick haiku rap raps hook chorus melody
  cold open sequence montage character voiceover narration prose style sentence sentences paragraph riff riffs punchline
  punchlines setup cartoon cartoons animation shorts western noir horror romance fantasy epic saga spoof`.split(/\s+/),
);

/** Words that, right before a name, make it someone in the story ("Detective Silverman", "Mr King"). */
export const TITLE_WORDS: ReadonlySet<string> = new Set(
  `mr mrs ms miss mx dr doctor detective det officer captain capt sergeant sgt lieutenant lt agent inspector professor prof
  uncle aunt auntie grandma grandpa granny father mother brother sister saint st king queen prince princess lord lady sir dame
  judge coach nurse pastor reverend rev rabbi general colonel major private admiral chief sheriff deputy mayor senator governor
  president the little old young baby`.split(/\s+/),
);

/** Verbs after which "like" introduces a style ("write like X"); form nouns count too ("a joke like X"). */
export const LIKE_LEADS: ReadonlySet<string> = new Set("write writes written writing sound sounds sounding read reads talk talks speak speaks joke jokes rhyme rhymes sing sings direct directs shot shoot filmed paint paints".split(" "));

/** Words after a name that confirm "like <name>" is about style ("like Seinfeld would"). */
export const LIKE_CONFIRMS: ReadonlySet<string> = new Set("would might could does did writes wrote would've".split(" "));

/** Verbs a "would" after the name may carry ("the way X would write"): swallowed with it by a rewrite. */
export const CONFIRM_VERBS: ReadonlySet<string> = new Set("write say do tell put phrase handle shoot direct film play sing open end pitch have".split(" "));

/** "Spielberg is the vibe", "Murakami, that's the style": a name, then what it is — a style word. */
export const STYLE_WORDS: ReadonlySet<string> = new Set(["vibe", "vibes", "style", "voice", "tone", "feel", "energy", "sensibility", "aesthetic", "register"]);

/** Determiners before "<name> <form noun>" that make it a request for such a thing ("a Seinfeld joke", "some Tarantino dialogue"). */
export const ATTRIBUTIVE_LEADS: ReadonlySet<string> = new Set(["a", "an", "some", "another", "more", "few", "couple", "write", "pitch", "draft", "me", "us"]);

/** Joiners of a list of names after one trigger: "in the style of X and Y". */
export const LIST_JOINERS: ReadonlySet<string> = new Set(["and", "or", "n", "plus"]);
