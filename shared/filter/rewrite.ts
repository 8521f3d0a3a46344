/**
 * The neutral words that replace a protected creator's name: about three adjectives, a tradition or
 * genre, a form — never a name, title, character or catchphrase. Phrased to fit where the name was.
 */
import type { CreatorTraits } from "./creatorSchema";
import type { IndexedCreator } from "./creatorIndex";
import { foldedTokens } from "./normalize";
import type { StyleRequest } from "./matcher";

/** "stylized, violent and dialogue-heavy" */
function andList(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function article(next: string): string {
  return /^[aeiou]/i.test(next) ? "an" : "a";
}

/** The text that replaces the request's span. `override` is the writer's own description for this creator. */
export function replacementFor(req: StyleRequest, traits: CreatorTraits | null, override: string | null, originalSpan: string): string {
  const adjectives = override ? [override] : (traits?.adjectives ?? []);
  const tradition = override ? null : (traits?.tradition ?? null);
  const form = override ? null : (traits?.form ?? null);
  const styleClause = () => {
    const adj = andList(adjectives);
    // "drawn from", not "in the tradition of": the rewrite must not read as a new style request.
    const rest = [tradition ? `drawn from ${tradition}` : "", form ? `(${form})` : ""].filter(Boolean).join(" ");
    return override ? `in a style that is ${override}` : `in ${article(adj)} ${adj} style${rest ? ` ${rest}` : ""}`;
  };
  let text: string;
  switch (req.kind) {
    case "prep":
      text = styleClause();
      break;
    case "verb":
      text = `${req.verb ?? "write in"} ${styleClause().replace(/^in /, "")}`;
      break;
    case "noun":
      text = override ?? [adjectives.join(", "), tradition].filter(Boolean).join(" ");
      break;
    case "attr": {
      const adj = override ?? adjectives.join(", ");
      // The span may start with the article before the name: make it agree with the new first word.
      const hadArticle = /^(a|an)\s/i.test(originalSpan) || req.possessive === true;
      text = hadArticle ? `${article(adj)} ${adj}` : adj;
      break;
    }
  }
  return req.capital ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** Whether `text` contains any of the creator's names, short forms, adjectives or signature elements. */
export function leaksCreator(text: string, creator: IndexedCreator): boolean {
  const words = foldedTokens(text);
  const joined = ` ${words.join(" ")} `;
  const squashed = words.join("");
  for (const form of [...creator.forms, ...creator.signature()]) {
    if (form.length === 0) continue;
    if (joined.includes(` ${form.join(" ")} `)) return true;
    // Names typed letter by letter collapse to one word: check the squashed text for multi-letter forms.
    if (form.join("").length >= 6 && squashed.includes(form.join(""))) return true;
  }
  return false;
}
