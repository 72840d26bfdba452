// A .wasm import is the module's bytes (esbuild's "binary" loader; test/helpers/wasm-transform.cjs in Jest).
declare module "*.wasm" {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
