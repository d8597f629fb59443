import { defineConfig } from 'vite';

// `vite build --config server/vite.config.ts`: the server and the shared src/report code it
// validates with, bundled for Node into dist/server/main.js. Packages (fastify, better-sqlite3…)
// stay external imports, as an SSR build does by default.
export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'server/main.ts',
    outDir: 'dist/server',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
  },
});
