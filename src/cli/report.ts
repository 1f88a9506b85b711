/**
 * `npm run report`: the usage report staff also see on /admin, from the data file on disk.
 *   npm run report -- --from 2026-06-01 --to 2026-06-30 --municipality 鹿屋市
 *   npm run --silent report -- --csv unanswered > unanswered.csv
 *   npm run report -- --simulator      # what was asked in the simulator (<DATA_DIR>/simulator)
 * Reads a snapshot of the file and never writes to it, so it is safe beside a running server.
 * With DATABASE_URL set (or --database-url) it reads the PostgreSQL store instead.
 */
import './quiet-broken-pipe.js';
import { runReportCommand } from '../insights/report-command.js';

process.exitCode = await runReportCommand(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
