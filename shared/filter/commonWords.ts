/**
 * Ordinary English words that are also creators' surnames or one-word names ("King", "Frost", "Swift",
 * "Prince", "Cash", "Queen"). Every one-word name needs its capital to count (matcher.ts); these need
 * more: not running on into a phrase ("Black gospel"), and not as "a Python script" before a noun.
 */
const WORDS = `
a able about above act adams after again age air all alone am an and angel angels archer arm arms
art as ash at atlantic attic austin autumn away baby back bacon baker ball band bank banks bar barber
barker barnes bass beach bean bear beck bell berry best big bird bishop black blake bliss blue blur
boat bone booth born boss bow bowles boy brand brave bread bridge bright brook brooks brown buck bull
burns bush butcher butler can cannon card carpenter carter case cash castle chamber chambers chance
chase child church clay clear cliff close coffee cole cook cooper cope corn cotton cox crane cream cross
crow cruise cure curtis dale dance dark darling day dean dear diamond dick doctor dove down drake dream
drew duck duke dunn dust dyer eagle eagles early east eden english even fair faith falls farmer fields
field finch fish fisher fleming flood flower ford forest forster fortune fox frank free freeman french
frost fry fuller gardner gay gentle gift glass glen gold golden good goodman gore grace grant gray
green grey guest gun hall hamilton hand happy hardy harper hart hawk hay head heart heath hedges hill
holiday holly holmes homer hood hope horn house howard hunt hunter irving ivory jack james jewel jones
joy judge just keen kemp key kid kidd king kiss knight lake lamb land lane lark law lawrence lee legend
lewis light lilly lily little lock long lord love lovelace low lowe lucky lynch major march marsh marshall
martin mason master may mayer meadows merry middle mill miller mills moon moore morning moss muse
nash new newman noble north nurse oak oaks oliver page palmer paris park parker parks parr pearl pepper
pierce pike pine piper plant pool pope porter post potter pound power powers price python police pride prince prior
queen quick rain ranger ray read reed reid rice rich ridge ring rivers road robin rock rose ross rowe
royal rush sage saint salt sands savage sawyer scott seal shadow sharp shaw sheen short silver simple
singer slater small smart smith snow solo south sparks spear speed spring squire stark steel stern
stone storm strange street strong summer summers swan sweet swift tailor tanner taylor temple thatcher
thorn tide tiny todd tower townsend trainor true turner twain vale venus wade walker wall walls ward
warren waters watts way weaver webb well wells west white wild wilde will wing winter wise wolf wolfe
wood woods woolf wren wright yes york young
`;

export const COMMON_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
