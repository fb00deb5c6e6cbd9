/** The imports domain's public face: the server mounts its routers and registers its job. */
export { createExportRoutes } from "./exports.routes";
export * from "./imports.inputs";
export { createImportJobs } from "./imports.jobs";
export { IMPORT_JOB } from "./imports.queries";
export { createImportRoutes, importSchema, presentImport } from "./imports.routes";
export { type Import, imports } from "./imports.schema";
