/** The tasks domain's public face: other domains and the server import only this. */
export {
  closeTasksForCause,
  openCauseRefs,
  openTaskForCause,
  type TaskCause,
} from "./tasks.causes";
export * from "./tasks.inputs";
export { createTask, getTask, listTasks, type NewTaskInput } from "./tasks.queries";
export { createTaskRoutes, presentTask, taskSchema } from "./tasks.routes";
export { type Task, tasks } from "./tasks.schema";
