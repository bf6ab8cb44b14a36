#!/usr/bin/env node
// Fails when two tracked files (or a file and a folder) differ only in letter case once the
// extension a module import leaves out is dropped: `./releaseAdvice` would then name both
// `releaseAdvice.ts` and `ReleaseAdvice.tsx` on a case-insensitive file system (macOS, Windows),
// and the bundler there imports whichever it finds first.
import { execFileSync } from 'node:child_process';

const MODULE_EXTENSION = /(\.test|\.fuzz|\.bench)?\.(tsx?|jsx?|mjs|cjs)$/;

const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
  .split('\0')
  .filter(Boolean);

const paths = new Set();
for (const file of files) {
  paths.add(file.replace(MODULE_EXTENSION, ''));
  // Every folder too: `Foo/index.ts` and `foo.ts` both answer `./foo`.
  const parts = file.split('/');
  for (let i = 1; i < parts.length; i++) paths.add(parts.slice(0, i).join('/'));
}

const byLowerCase = new Map();
for (const path of paths) {
  const key = path.toLowerCase();
  byLowerCase.set(key, [...(byLowerCase.get(key) ?? []), path]);
}
const clashes = [...byLowerCase.values()].filter(group => group.length > 1);
for (const group of clashes) {
  console.error(`paths that differ only in case: ${group.join(' and ')}`);
}
if (clashes.length > 0) {
  console.error(
    'Rename one of each: a case-insensitive file system cannot tell them apart.',
  );
  process.exit(1);
}
console.log(
  `path case: ${files.length} tracked files, no two differ only in case`,
);
