// Lint: TypeScript rules plus the layering of ARCHITECTURE.md, enforced rather than hoped for.
//   shared/   pure: no electron, no node:*, no React or DOM, nothing of ours outside shared/
//   renderer/ untrusted browser code: no electron, no node:*, nothing from main/
//   main/     never imports renderer code
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

const nodeBuiltins = ["node:*", "fs", "fs/*", "path", "os", "child_process", "crypto", "http", "https", "net", "url", "util", "stream", "events", "worker_threads"];

export default tseslint.config(
  { ignores: ["dist/**", "out/**", "release/**", "node_modules/**", "e2e/artifacts/**", ".cascade-tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  {
    files: ["main/**/*.ts", "e2e/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts", "*.config.ts", "*.config.js"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["shared/**/*.ts"],
    ignores: ["shared/**/*.test.ts"],
    languageOptions: { globals: {} },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["electron", "electron/*"], message: "shared/ is pure: no Electron." },
            { group: nodeBuiltins, message: "shared/ is pure: no Node built-ins." },
            { group: ["react", "react-dom", "react/*", "react-dom/*", "lexical", "@lexical/*", "zustand", "zustand/*"], message: "shared/ is pure: no UI libraries." },
            { group: ["node-llama-cpp", "ws"], message: "shared/ is pure: runtime services live in main/." },
            { group: ["**/main/**", "**/renderer/**", "**/e2e/**"], message: "shared/ imports nothing of ours outside shared/." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "window", message: "shared/ is pure: no DOM." },
        { name: "document", message: "shared/ is pure: no DOM." },
        { name: "localStorage", message: "shared/ is pure: no DOM." },
        { name: "process", message: "shared/ is pure: no Node globals." },
        { name: "Buffer", message: "shared/ is pure: no Node globals." },
        { name: "require", message: "shared/ is pure: no Node globals." },
      ],
    },
  },
  {
    files: ["renderer/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    // Shipped renderer code. Its tests run in Node and may start a real server to talk to.
    files: ["renderer/**/*.{ts,tsx}"],
    ignores: ["renderer/**/*.test.ts", "renderer/**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["electron", "electron/*"], message: "The renderer is sandboxed: talk to main through the API client." },
            { group: nodeBuiltins, message: "The renderer runs in a browser sandbox: no Node built-ins." },
            { group: ["node-llama-cpp", "ws"], message: "Runtime services live in main/." },
            { group: ["**/main/**"], message: "The renderer never imports main/ code; use the contract." },
          ],
        },
      ],
    },
  },
  {
    files: ["main/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/renderer/**", "react", "react-dom"], message: "main/ never imports renderer code." }] },
      ],
    },
  },
);
