/** Tests run from TypeScript sources through swc; CLI tests run the built bin/pcs. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/src"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }],
    "^.+\\.wasm$": "<rootDir>/test/helpers/wasm-transform.cjs",
  },
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  testTimeout: 60000,
  setupFiles: ["<rootDir>/test/helpers/jest-env.cjs"],
  reporters: ["default", "<rootDir>/test/helpers/summary-reporter.cjs"],
};
