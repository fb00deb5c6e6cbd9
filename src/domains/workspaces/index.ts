/** The workspaces domain's public face: settings that other domains read. */
export * from "./workspaces.inputs";
export {
  getWorkspaceSettings,
  getWorkspaceTimeZone,
  type WorkspaceSettings,
} from "./workspaces.queries";
export { createWorkspaceRoutes } from "./workspaces.routes";
