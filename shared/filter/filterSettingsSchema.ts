/** The style-filter settings as zod schemas: for the project file and for the contract's operation. */
import { z } from "zod";
import { FILTER_LIMITS } from "./filterSettings";
import { FILTER_MODES, JURISDICTIONS } from "./types";

const name = z.string().max(FILTER_LIMITS.name);
const entries = <T extends z.ZodTypeAny>(item: T) => z.array(item).max(FILTER_LIMITS.entries);

export const filterSettingsSchema = z.object({
  mode: z.enum(FILTER_MODES),
  jurisdiction: z.enum(JURISDICTIONS),
  offAcknowledged: z.boolean(),
  allow: entries(z.object({ name, reason: z.string().max(FILTER_LIMITS.reason) })),
  deny: entries(z.object({ name, reason: z.string().max(FILTER_LIMITS.reason) })),
  aliases: entries(z.object({ alias: name, name })),
  rewrites: entries(z.object({ name, text: z.string().max(FILTER_LIMITS.rewrite) })),
});

export const filterSettingsChangeSchema = filterSettingsSchema.partial();
