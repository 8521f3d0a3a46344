/** The CLI's help text (`help`, `-h`): every command with its options. */
export const USAGE = `Usage: npm run -s cli -- <command> [options]

Hierarchical story writing with a local model: premise → beats → scenes → lines.

Commands:
  new <file.cascade> --premise <text> [--form prose|screenplay] [--title <t>]
        [--characters <c>] [--setting <s>] [--tone <t>] [--counts <beats,scenes,lines>]
                          Create a project at <file> (never overwrites an existing file).
  generate <file> --level beats|scenes|lines [--count <n>]
                          Write the beats of the premise, or the scenes of every beat, or the
                          lines of every scene (--count: children per parent).
  generate <file> --node <id> [--count <n>]
                          Write (or rewrite) the children of one node.
  generate <file> [--node <id>] --cascade
                          Regenerate what is stale below the node (default: the premise).
                          Written, edited and locked text is never replaced.
  edit <file> <node-id> [--text <text>] [--title <t>] [--speaker <s>]
                          Change a node's text; generated text below it becomes stale.
  lock <file> <node-id> [--unlock]
                          Lock a node so no generation or cascade replaces it (or unlock it).
  alts <file> <node-id> [-n <count>] [--angle <a>] [--unusual]
                          Write <count> (default 8) alternates of a node side by side, scored by
                          the model; prints each with its id, seed and score. --unusual: each
                          built around one surprising element (sampled hot, written cold).
  alts <file> <node-id> --swap <alt-id>
                          Swap an alt in: its text becomes the node's, the old text an alt.
  alts <file> <premise-id> --outlines [-n <count>]
                          Write <count> alternative outlines of the premise: each a whole list of
                          beats, written like the premise's beats (the beat count from settings).
  alts <file> <premise-id> --swap-outline <alt-id>
                          Swap an outline in: its beats replace the premise's beats (only while no
                          beat has scenes); the old beats are kept as an outline alt.
  alts <file> <node-id> --star <alt-id> | --reject <alt-id>
        | --tag <alt-id> --tags <a,b> | --note <alt-id> --text <note>
                          Mark an alt: star it (into the binder), reject (hide) it, tag it, note it.
  binder <file> [--query <words>] [--markdown]
                          List every starred alt, grouped by node (--markdown: as Markdown).
  move <file> <node-id> --to <parent-id> [--index <i>]
                          Move a beat, scene or line under another parent (0-based position;
                          default: last). What it was generated from changes, so it may go stale.
  split <file> <node-id> --at <child-id>
                          Split a scene (or beat): <child-id> and what follows move to a new one
                          right after it.
  merge <file> <node-id> <next-id>
                          Merge a node with the one right after it: texts joined, children and
                          alts kept.
  duplicate <file> <node-id>
                          Copy a node and everything below it, right after it.
  snapshot <file> [--name <n>] [--node <id>]
                          Keep a named copy of the story (or of one node and what is below it).
                          One is also taken before every cascade.
  snapshots <file>        List the snapshots, newest first.
  diff <file> <snapshot-id>
                          What was added, removed, moved and changed since the snapshot.
  restore <file> <snapshot-id> [--node <id>]
                          Put the snapshot back (or just that node and what is below it).
  filter "<prompt>" [--today YYYY-MM-DD] [--mode warn|rewrite|strict|off]
        [--jurisdiction life+70|life+50|us-conservative] [--project <file>]
                          What the style-name filter does with a prompt: allow, warn, rewrite
                          (the text as it would be sent), ask or block, with every match, its
                          status (computed from dates for --today) and reason. --project uses
                          that project's filter settings (lists, aliases, mode).
  filter-log <file>       The project's style-filter audit log (every non-allow decision).
  models [--dir <folder>] The GGUF models in the models folder (default: the app's), each with
                          its name, quantization, size, context, layers and chat template; a
                          broken or incomplete file is listed with what is wrong.
  gpu                     What this machine offers a model: the GPU and its memory (or CPU only),
                          RAM, CPUs and the threads "auto" uses.
  export <file> --format md|fountain|fdx|docx|binder|provenance-md|provenance-csv -o <out>
        [--node <id>] [--mark-generated] [--force]
                          Write the story (or one node's subtree) as Markdown, Fountain, Final
                          Draft (FDX), Word (DOCX), the alts binder or a provenance report.
                          --mark-generated marks the lines the model wrote; an existing <out> is
                          replaced only with --force.
  import <in.md|in.fountain> -o <file.cascade> [--format md|fountain]
                          Read a Markdown outline or a Fountain screenplay into a new project
                          (never overwrites); prints what was read and what was skipped.
  provenance <file> [--node <id>]
                          Who wrote the text: counts and shares of written, generated and
                          generated-then-edited text, by words and nodes, per level and model.
  status <file>           Show the tree: level, id, origin, lock, stale marks, a preview.
  undo <file>             Undo the last change (an edit, a generation, a whole cascade).
  redo <file>             Redo the last undone change.
  help                    Show this text.

Options for every command:
  --model <file.gguf>     The model to write with (else CASCADE_MODEL, else the saved setting).
  --threads <n|auto>      CPU threads for the model (else CASCADE_THREADS, else the setting).
  --json                  Print the result as JSON on stdout (progress still goes to stderr).
  -h, --help              Show this text.

Node ids are shown by \`status\`; a unique prefix of an id is enough.
Ctrl+C during \`generate\` cancels the running jobs; what already finished is saved.
`;
