// Jest: a .wasm import is its bytes, as esbuild's "binary" loader makes it in the build.
module.exports = {
  process(_source, filename) {
    return { code: `module.exports = new Uint8Array(require("node:fs").readFileSync(${JSON.stringify(filename)}));` };
  },
};
