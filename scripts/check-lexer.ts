/**
 * The hand-written Rust lexer (scripts/lib/line-count.ts) against tree-sitter-rust on every
 * `.rs` file of real repositories, read from git objects at a commit: for each file, each
 * line's class (blank, comment, code) from both. Prints per repository the files and lines
 * compared, the files and lines that differ (with the first few lines shown), the files the
 * grammar could not parse, and the time each took. Exit 1 when a line differs.
 *
 *   npm run check:lexer -- <repository> [<repository> ...] [--commit REV] [--show 10]
 *
 * A repository is a bare copy or a checkout; --commit applies to every repository (default HEAD).
 */
import { parseArgs } from 'node:util';
import { BlobReader, REGULAR_MODES, listTree, openRepository, resolveCommit } from './lib/git-objects.ts';
import { grammarLineClasses } from './lib/grammar-lines.ts';
import { classifyLines } from './lib/line-count.ts';
import { UsageError, runCli } from './lib/cli.ts';

const NAMES = ['blank', 'comment', 'code'];

runCli('check:lexer', async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { commit: { type: 'string', default: 'HEAD' }, show: { type: 'string', default: '10' } },
  });
  if (positionals.length === 0)
    throw new UsageError('Usage: npm run check:lexer -- <repository> [...] [--commit REV] [--show N]');
  const show = Number(values.show);
  let differences = 0;
  console.log(
    '| repository | commit | .rs files | lines | files differing | lines differing | grammar errors (files) | lexer | grammar |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  const notes: string[] = [];
  for (const dir of positionals) {
    const { gitDir } = await openRepository(dir);
    const { commit } = await resolveCommit(gitDir, values.commit);
    const files = (await listTree(gitDir, commit, false)).filter(
      (e) => REGULAR_MODES.has(e.mode) && e.type === 'blob' && e.path.endsWith('.rs'),
    );
    const reader = new BlobReader(gitDir);
    let lines = 0;
    let filesDiffering = 0;
    let linesDiffering = 0;
    let errors = 0;
    let lexerMs = 0;
    let grammarMs = 0;
    try {
      for (const file of files) {
        const content = await reader.read(file.oid);
        if (!content) continue;
        let t = performance.now();
        const ours = classifyLines(content);
        lexerMs += performance.now() - t;
        t = performance.now();
        const grammar = await grammarLineClasses(content);
        grammarMs += performance.now() - t;
        if (grammar.hasError) errors++;
        lines += ours.length;
        const differing: number[] = [];
        for (let i = 0; i < Math.max(ours.length, grammar.kinds.length); i++)
          if (ours[i] !== grammar.kinds[i]) differing.push(i);
        if (differing.length === 0) continue;
        filesDiffering++;
        linesDiffering += differing.length;
        if (notes.length < show) {
          const text = content.toString('utf8').split('\n');
          notes.push(
            `${dir}: ${file.path}${grammar.hasError ? ' (grammar error)' : ''}: ${differing.length} line(s), first ${differing
              .slice(0, 3)
              .map(
                (i) =>
                  `line ${i + 1} lexer ${NAMES[ours[i]] ?? 'none'}, grammar ${NAMES[grammar.kinds[i]] ?? 'none'}: ${JSON.stringify(text[i]?.slice(0, 100))}`,
              )
              .join('; ')}`,
          );
        }
      }
    } finally {
      await reader.close();
    }
    differences += linesDiffering;
    console.log(
      `| ${dir} | ${commit.slice(0, 12)} | ${files.length.toLocaleString('en-US')} | ${lines.toLocaleString('en-US')} | ${filesDiffering} | ${linesDiffering} | ${errors} | ${(lexerMs / 1000).toFixed(2)} s | ${(grammarMs / 1000).toFixed(1)} s |`,
    );
  }
  if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
  return differences > 0 ? 1 : 0;
});
