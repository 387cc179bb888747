// dependency-cruiser: no import circle between files; the folders' layers are kept by eslint
// (eslint.config.mjs MAY_IMPORT). scripts/architecture-graph.ts draws docs/architecture.md's graph.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [{ name: 'no-circular', severity: 'error', comment: 'Files that import each other in a loop.', from: {}, to: { circular: true } }],
  options: {
    doNotFollow: { path: ['node_modules', 'generated'] },
    exclude: { path: ['^node_modules', '^generated', '^test/', '^bench/results', '^data/', '^\\.tools/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};
