/** `serve`: the web app and API (what `npm start` runs); stops cleanly on SIGINT/SIGTERM. */
import { startServer } from "../server/main";
import type { CommandRun } from "./main";

export const run: CommandRun = async (values, io) => {
  const server = await startServer(io.config(), { buildWeb: !values["skip-web-build"] });
  await server.closed;
};
