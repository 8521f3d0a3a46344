import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outputSchema, parseGenerated, partialItems, type GeneratedItem } from "./outputSchema";

const itemArb: fc.Arbitrary<GeneratedItem> = fc.oneof(
  fc.record({ title: fc.string({ maxLength: 20 }), text: fc.string({ maxLength: 60 }) }),
  fc.record({ title: fc.constant(""), text: fc.string({ maxLength: 60, unit: "grapheme" }), speaker: fc.string({ maxLength: 10 }) }),
);

/** What parsing returns for an item: strings trimmed. */
function normal(it: GeneratedItem): GeneratedItem {
  const out: GeneratedItem = { title: it.title.trim(), text: it.text.trim() };
  if (it.speaker !== undefined) out.speaker = it.speaker.trim();
  return out;
}

describe("parseGenerated", () => {
  it("parses complete output, trimming fields and defaulting missing ones", () => {
    const raw = JSON.stringify({ items: [{ title: " A ", text: " one " }, { text: "two" }, { speaker: " ANNA ", text: "Hi." }, 7, null] });
    expect(parseGenerated(raw)).toEqual({
      ok: true,
      items: [
        { title: "A", text: "one" },
        { title: "", text: "two" },
        { title: "", text: "Hi.", speaker: "ANNA" },
      ],
    });
    expect(parseGenerated('{"items":[]}')).toEqual({ ok: true, items: [] });
    expect(parseGenerated('{"other":1}')).toEqual({ ok: true, items: [] });
    expect(parseGenerated("null")).toEqual({ ok: true, items: [] });
  });

  it("on cut-off output: ok false with only the items that were complete", () => {
    const items = [
      { title: "A", text: "one" },
      { title: "B", text: "two words" },
      { title: "C", text: "three" },
    ];
    const raw = JSON.stringify({ items });
    const cutInSecond = raw.slice(0, raw.indexOf("two") + 5);
    const r = parseGenerated(cutInSecond);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/cut off/);
    expect(r.items).toEqual([items[0]]);
    const afterSecond = raw.slice(0, raw.indexOf('{"title":"C"'));
    expect(parseGenerated(afterSecond)).toMatchObject({ ok: false, items: items.slice(0, 2) });
    expect(parseGenerated(raw.slice(0, -1))).toMatchObject({ ok: false, items });
    expect(parseGenerated("")).toEqual({ ok: false, error: expect.any(String), items: [] });
    expect(parseGenerated('{"items":[{"title":"x"')).toMatchObject({ ok: false, items: [] });
  });

  it("braces and quotes inside strings do not fool the completeness count", () => {
    const items = [{ title: 'a "}" b', text: "{[}]\\\" }" }, { title: "}}", text: "x" }];
    const raw = JSON.stringify({ items });
    const cut = raw.slice(0, raw.indexOf('"}}"') + 3); // inside the second item's title
    expect(parseGenerated(cut).items).toEqual([items[0]]);
  });

  it("property: every prefix of a valid output yields a prefix of its items, all complete ones included", () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 5 }), fc.constantFrom(0, 2), (items, indent) => {
        const raw = JSON.stringify({ items }, null, indent);
        const expected = items.map(normal);
        expect(parseGenerated(raw)).toEqual({ ok: true, items: expected });
        for (let i = 0; i < raw.length; i++) {
          const r = parseGenerated(raw.slice(0, i));
          if (r.ok || JSON.stringify(r.items) !== JSON.stringify(expected.slice(0, r.items.length))) {
            expect.fail(`prefix ${JSON.stringify(raw.slice(0, i))} gave ${JSON.stringify(r)}`);
          }
        }
        // Cut just after each item's closing brace: exactly the items so far.
        for (let k = 0; k < items.length; k++) {
          const upTo = JSON.stringify({ items: items.slice(0, k + 1) }, null, indent);
          // The output so far is the complete document minus its closing "]}" (and whitespace).
          const prefix = upTo.replace(/\s*\]\s*\}\s*$/, "");
          expect(raw.startsWith(prefix)).toBe(true);
          expect(parseGenerated(prefix).items).toEqual(expected.slice(0, k + 1));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("partialItems", () => {
  it("shows the item being written, for live display", () => {
    expect(partialItems('{"items":[{"title":"A","text":"on')).toEqual([{ title: "A", text: "on" }]);
    expect(partialItems("")).toEqual([]);
    expect(partialItems("   ")).toEqual([]);
    expect(partialItems("garbage")).toEqual([]);
  });

  it("property: on a growing prefix it never throws and the item count never drops", () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 5 }), fc.constantFrom(0, 1, 2), (items, indent) => {
        const raw = JSON.stringify({ items }, null, indent);
        let prev = 0;
        for (let i = 0; i <= raw.length; i++) {
          const n = partialItems(raw.slice(0, i)).length;
          if (n < prev || n > items.length) expect.fail(`prefix ${JSON.stringify(raw.slice(0, i))} gave ${n} items after ${prev}`);
          prev = n;
        }
        expect(prev).toBe(items.length);
        expect(partialItems(raw)).toEqual(items.map(normal));
      }),
      { numRuns: 200 },
    );
  });

  it("property: never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        expect(Array.isArray(partialItems(s))).toBe(true);
        expect(Array.isArray(parseGenerated(s).items)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("outputSchema", () => {
  it("asks for exactly `count` items of the level's shape", () => {
    const s = outputSchema("scene", "prose", 3) as { properties: { items: { minItems: number; maxItems: number; items: { properties: Record<string, unknown> } } } };
    expect(s.properties.items.minItems).toBe(3);
    expect(s.properties.items.maxItems).toBe(3);
    expect(Object.keys(s.properties.items.items.properties).sort()).toEqual(["text", "title"]);
    const line = outputSchema("line", "screenplay", 2) as typeof s;
    expect(Object.keys(line.properties.items.items.properties).sort()).toEqual(["speaker", "text"]);
    const prose = outputSchema("line", "prose", 2) as typeof s;
    expect(Object.keys(prose.properties.items.items.properties)).toEqual(["text"]);
  });
});
