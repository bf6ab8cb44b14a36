#!/usr/bin/env node
// Fails when a YAML example in the docs does not parse: adopters paste them into app-config.yaml,
// and a snippet Backstage's config loader refuses stops their backend from starting (an unquoted
// `${TOKEN}` inside a `{ }` map did). Every ```yaml block of every tracked Markdown file is parsed
// as YAML (all documents of a block, as the loader and `POST /slos/import` read them). A block that
// shows YAML which must not parse says so on its fence: ```yaml invalid.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const FENCE = /^(\s*)(`{3,}|~{3,})\s*(\S*)\s*(.*)$/;

const files = execFileSync('git', ['ls-files', '-z', '*.md'], {
  encoding: 'utf8',
})
  .split('\0')
  .filter(Boolean);

let blocks = 0;
const problems = [];
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, language, info] = open;
    // Find the closing fence (same character, at least as long) whatever the language.
    let end = i + 1;
    while (
      end < lines.length &&
      !lines[end].trim().startsWith(fence[0].repeat(fence.length))
    ) {
      end++;
    }
    const isYaml = /^(ya?ml)$/i.test(language);
    if (isYaml && !/\binvalid\b/.test(info)) {
      blocks++;
      const text = lines
        .slice(i + 1, end)
        .map(line =>
          line.startsWith(indent) ? line.slice(indent.length) : line,
        )
        .join('\n');
      // The first error of each document: the rest usually follow from it.
      for (const doc of parseAllDocuments(text)) {
        const [error] = doc.errors ?? [];
        if (!error) continue;
        const [line] = error.linePos ?? [{ line: 1 }];
        problems.push(
          `${file}:${i + 1 + line.line}: ${error.message.split('\n')[0]}`,
        );
      }
    }
    i = end;
  }
}

if (problems.length > 0) {
  console.error(
    `${problems.length} YAML example(s) in the docs do not parse (mark a block that must not with \`\`\`yaml invalid):`,
  );
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(`YAML examples in the docs: ${blocks} blocks parse`);
