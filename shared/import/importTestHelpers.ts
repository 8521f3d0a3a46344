/**
 * Test helpers for the import/export tests (used only by *.test.ts): a project's outline as plain
 * data in reading order, fountain-js tokens, and a hand-written Fountain screenplay.
 */
import { subtree, type Project } from "../story/model";

export interface OutlineRow {
  level: string;
  title: string;
  text: string;
  speaker: string;
}

/** The nodes under `nodeId` (the whole story when absent) as rows; a missing speaker is "". */
export function outline(project: Project, nodeId = project.rootId): OutlineRow[] {
  return subtree(project, nodeId).map((n) => ({ level: n.level, title: n.title, text: n.text, speaker: n.speaker ?? "" }));
}

/** A realistic screenplay in Fountain: title page, sections, synopses, notes, boneyard, forced elements. */
export const SAMPLE_FOUNTAIN = `Title:
    _**THE LETTER**_
Credit: Written by
Author: Mara Quill
Draft date: 1/1/2024
Contact:
    mara@example.com

= A lighthouse keeper finds a letter addressed to her from the future.

# Act One

= Mara finds the letter and does not believe it.

## The Letter

FADE IN:

EXT. LIGHTHOUSE - NIGHT #1#

= The storm is at its worst; the postman comes anyway.

Rain hammers the lamp room. MARA (40s, weathered) climbs the stairs.

TOMAS (O.S.)
Mara! Post!

MARA
(under her breath)
Nobody writes to me.

/* An old version of the scene
where Tomas never arrives. */

INT. LAMP ROOM - CONTINUOUS

[[Check the lamp timing against the keeper's log.]]

TOMAS
It's addressed to you. Dated next year.

MARA ^
... what?

She reads it twice. [[Is twice enough?]]

@McCLANE
Yippee.

CUT TO:

# Act Two

.FLASHBACK - THE HARBOUR

!SILENCE FELL.

> THE END <

===

INT./EXT. CAR - DAY

MARA (V.O.)
I kept it.
I still have it.

EST. HARBOUR TOWN - DAWN

The boats come in.

> FADE OUT.
`;
