// Run pkgmeta's test suite on CPython 3.14 in WebAssembly (Pyodide) under Node.
//
// usage: node tools/pyodide/run.mjs SITE [PYTEST_ARGS...]
//
// The checkout is mounted at /repo with NODEFS, and SITE (a directory of
// pure-Python test dependencies, made by `nox -s tests-pyodide` with
// `pip install --target`) at /site; src/ and /site go first on sys.path and
// pytest runs from /repo with the repository's own configuration. Exits with
// pytest's exit code. Environment for the interpreter: PYTHONWARNINGS and
// HYPOTHESIS_PROFILE are passed through.
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

import { loadPyodide } from "pyodide";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const [site, ...pytestArgs] = process.argv.slice(2);
if (!site) {
  console.error("usage: node tools/pyodide/run.mjs SITE [PYTEST_ARGS...]");
  process.exit(2);
}

const env = { HOME: "/home/pyodide", PYTHONHASHSEED: "0" };
for (const name of ["PYTHONWARNINGS", "HYPOTHESIS_PROFILE", "CI"]) {
  if (process.env[name] !== undefined) env[name] = process.env[name];
}

const pyodide = await loadPyodide({ env });
const { FS } = pyodide;
for (const [host, mountPoint] of [
  [repo, "/repo"],
  [path.resolve(site), "/site"],
]) {
  FS.mkdirTree(mountPoint);
  FS.mount(FS.filesystems.NODEFS, { root: host }, mountPoint);
}

pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs));
const code = await pyodide.runPythonAsync(`
import os, sys
os.chdir("/repo")
sys.path[:0] = ["/repo/src", "/site"]
import pytest
# -p no:cacheprovider: the cache would be written through NODEFS into the checkout.
int(pytest.main(["-p", "no:cacheprovider", *pytest_args]))
`);
process.exit(code);
