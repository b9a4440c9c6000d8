import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { META_CONTENT_SECURITY_POLICY } from './src-shared/content-security-policy';

// electron-vite defaults to src/main, src/preload and src/renderer; Intake's layout is
// src-main, src-renderer and src-shared (DESIGN.md §6), so every entry is named here.
// The version and name the app reports are defined at build time: importing package.json would
// embed all of it (scripts, dependencies) in the main bundle.
const { version, productName } = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string;
  productName: string;
};

export default defineConfig({
  main: {
    define: {
      __APP_VERSION__: JSON.stringify(version),
      __APP_NAME__: JSON.stringify(productName),
    },
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          // The Electron shell.
          index: resolve('src-main/index.ts'),
          // The headless CLI and web host: plain Node, never imports 'electron'.
          cli: resolve('src-main/cli/index.ts'),
          // Kept as its own file so tests can assert the window's security settings from the build.
          'window-options': resolve('src-main/window-options.ts'),
          // The ingest engine as a library, for benchmarks (npm run bench).
          engine: resolve('src-main/engine.ts'),
          // Only what the app's main thread loads, for benchmarks of the main thread.
          'host-engine': resolve('src-main/host-engine.ts'),
          // Worker-thread entry points, loaded by file name at run time.
          'workers/ingest.worker': resolve('src-main/workers/ingest.worker.ts'),
          'workers/prepare.worker': resolve('src-main/workers/prepare.worker.ts'),
        },
        output: { entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot require node_modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    build: {
      outDir: resolve('out/renderer'),
      rolldownOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
    plugins: [
      react(),
      {
        // The packaged page is a file:// URL, where Electron applies no header CSP: the <meta> tag
        // is what counts there. Filled from the one shared policy so the two cannot drift.
        name: 'intake-csp-meta',
        transformIndexHtml: (html: string) => html.replace('%INTAKE_CSP%', META_CONTENT_SECURITY_POLICY),
      },
    ],
  },
});
