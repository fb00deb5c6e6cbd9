/** The alarms domain's public face: other domains and the server import only this. */
export * from "./alarms.inputs";
export { alarmsScanCron, alarmsScanJob, createAlarmJobs } from "./alarms.jobs";
export {
  type AlarmScanOutcome,
  alarmRefs,
  listNewAlarmTasks,
  SILENCE_DEFAULT_DAYS,
  scanAlarms,
} from "./alarms.scan";
export {
  satisfactionTrend,
  satisfactionTrendDefaults,
  type TrendOptions,
  type TrendPoint,
  type TrendVerdict,
  toneTrend,
  toneTrendDefaults,
} from "./alarms.trends";
