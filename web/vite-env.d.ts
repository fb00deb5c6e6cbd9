// Vite's ambient types (CSS side-effect imports, import.meta.env) for the web sources;
// tsconfig.json lists only Node types because it also covers the server.
/// <reference types="vite/client" />
