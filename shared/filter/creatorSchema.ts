/**
 * The shape of the curated creators list (`resources/creators/*.json`): who a writer might name when
 * steering the model, with the facts the filter needs to decide — names and the other ways people write
 * them, birth and death years (a creator's status is computed from these, never stored), and for the
 * protected creators writers name most, a neutral description of their style's traits.
 */
import { z } from "zod";

export const CREATOR_FIELDS = [
  "novelist",
  "short-story writer",
  "poet",
  "playwright",
  "screenwriter",
  "director",
  "comedian",
  "comedy writer",
  "songwriter",
  "musician",
  "essayist",
  "journalist",
  "children's author",
  "graphic novelist",
  "animator",
  "studio",
  "showrunner",
] as const;

const year = z.number().int().min(-3000).max(2100);
const nonEmpty = z.string().trim().min(1);

/** A style described without naming anyone: about three adjectives, a tradition or genre, a form. */
export const traitsSchema = z.object({
  adjectives: z.array(nonEmpty).min(2).max(5),
  tradition: nonEmpty,
  form: nonEmpty,
});

export const memberSchema = z.object({
  name: nonEmpty,
  born: year.nullable().optional(),
  died: year.nullable().optional(),
});

export const creatorSchema = z
  .object({
    /** Canonical display name: "Jane Austen", "Monty Python", "Pixar". */
    name: nonEmpty,
    type: z.enum(["person", "group", "studio"]),
    fields: z.array(z.enum(CREATOR_FIELDS)).min(1),
    /** Other full names and spellings: birth names, names with or without initials, transliterations. */
    aliases: z.array(nonEmpty).optional(),
    /** Pen and stage names other than `name` ("Samuel Clemens" is Mark Twain's real name, listed in aliases). */
    pseudonyms: z.array(nonEmpty).optional(),
    /**
     * The short forms that identify the creator next to a style trigger ("in the style of Austen").
     * Default: the last word of the name. Give them when the surname is not the last word
     * ("García Márquez", "del Toro") or when a group goes by a short form ("the Pythons").
     */
    surnames: z.array(nonEmpty).optional(),
    /** Adjectival forms in use: "Kafkaesque", "Dickensian", "Lynchian". */
    adjectives: z.array(nonEmpty).optional(),
    /** Persons: birth and death years. null or absent death = living or unknown. */
    born: year.nullable().optional(),
    died: year.nullable().optional(),
    /** Groups and studios. */
    founded: year.nullable().optional(),
    dissolved: year.nullable().optional(),
    members: z.array(memberSchema).optional(),
    /** Protected creators writers name most: how to describe the style without the name. */
    traits: traitsSchema.optional(),
    /** Titles, characters, catchphrases: never put into a rewrite. */
    signature: z.array(nonEmpty).optional(),
  })
  .strict();

export const creatorFileSchema = z.object({
  /** What the file covers, e.g. "English-language novelists". */
  description: nonEmpty,
  creators: z.array(creatorSchema),
});

export type CreatorTraits = z.infer<typeof traitsSchema>;
export type CreatorRecord = z.infer<typeof creatorSchema>;
export type CreatorFile = z.infer<typeof creatorFileSchema>;
