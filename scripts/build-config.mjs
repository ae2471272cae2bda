// What the main-process bundles leave to Node's require at run time: Electron itself, the
// native modules (they ship outside the asar, see electron-builder.yml), and QuickJS, whose
// wasm is read from its package. The build and the bundle tests both read this list.
export const EXTERNAL = ['electron', 'keytar', 'better-sqlite3', 'quickjs-emscripten'];
